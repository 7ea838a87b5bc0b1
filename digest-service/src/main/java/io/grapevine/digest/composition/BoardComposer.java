package io.grapevine.digest.composition;

import io.grapevine.digest.audience.Period;

import java.util.ArrayList;
import java.util.List;

import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.organization.Competitor;
import io.grapevine.listening.organization.Department;
import io.grapevine.listening.organization.Organization;

/**
 * Composes the board's monthly digest from the analytics of the month and of the month
 * before.
 */
public final class BoardComposer {

	/** The key of the organization's own voice in the share of voice. */
	public static final String ORGANIZATION = "organization";

	private BoardComposer() {
	}

	/**
	 * Compose a board digest.
	 * @param organization the organization
	 * @param board the board's audience
	 * @param period the month it covers
	 * @param current the analytics of that month
	 * @param before the analytics of the month before
	 * @param widestReach the organization's mentions of the month, widest reach first
	 * @param topMentions how many top mentions to show at most
	 * @return the digest
	 */
	public static BoardDigest compose(Organization organization, Department board, Period period, BoardMonth current,
			BoardMonth before, List<Mention> widestReach, int topMentions) {
		BoardSentences say = BoardSentences.of(period);
		long total = current.organization().mentions();
		long previousTotal = before.organization().mentions();
		List<String> competitorIds = organization.competitors().stream().map(Competitor::id).toList();
		long voices = current.voices(competitorIds);
		long previousVoices = before.voices(competitorIds);
		List<BoardFigures.Voice> shareOfVoice = new ArrayList<>();
		shareOfVoice.add(voice(say, ORGANIZATION, organization.name(), true, current.organization(), voices,
				before.organization(), previousVoices));
		for (Competitor competitor : organization.competitors()) {
			shareOfVoice.add(voice(say, competitor.id(), competitor.name(), false,
					current.competitors().getOrDefault(competitor.id(), BoardMonth.Count.NONE), voices,
					before.competitors().getOrDefault(competitor.id(), BoardMonth.Count.NONE), previousVoices));
		}
		List<BoardFigures.DepartmentMonth> departments = new ArrayList<>();
		for (Department department : organization.departments()) {
			BoardMonth.Count now = current.departments().getOrDefault(department.id(), BoardMonth.Count.NONE);
			BoardMonth.Count then = before.departments().getOrDefault(department.id(), BoardMonth.Count.NONE);
			departments.add(new BoardFigures.DepartmentMonth(department.id(), department.name(), now.mentions(),
					then.mentions(), say.department(now.mentions(), then.mentions(), now.sentiment()),
					now.sentiment()));
		}
		BoardFigures.Sentiment sentiment = current.organization().sentiment();
		BoardFigures.Sentiment previousSentiment = before.organization().sentiment();
		BoardFigures figures = new BoardFigures(total, previousTotal, say.change(total, previousTotal),
				say.volume(total, previousTotal), sentiment, previousSentiment,
				say.sentiment(total, sentiment, previousSentiment), shareOfVoice, departments,
				widestReach.stream().limit(topMentions).map(TopMention::of).toList());
		return new BoardDigest(organization.name(), board.members(), period, figures);
	}

	private static BoardFigures.Voice voice(BoardSentences say, String key, String name, boolean organization,
			BoardMonth.Count now, long voices, BoardMonth.Count then, long previousVoices) {
		int percent = BoardFigures.percent(now.mentions(), voices);
		int previousPercent = BoardFigures.percent(then.mentions(), previousVoices);
		return new BoardFigures.Voice(key, name, organization, now.mentions(), percent, then.mentions(),
				previousPercent,
				say.voice(now.mentions(), percent, then.mentions(), previousPercent, previousVoices, now.sentiment()),
				now.sentiment());
	}

}
