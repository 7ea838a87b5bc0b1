package io.grapevine.digest.composition;

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
	public static BoardDigest compose(Organization organization, Department board, BoardPeriod period,
			BoardMonth current, BoardMonth before, List<Mention> widestReach, int topMentions) {
		String previousMonth = period.previous().monthName();
		long total = current.organization().mentions();
		long previousTotal = before.organization().mentions();
		List<String> competitorIds = organization.competitors().stream().map(Competitor::id).toList();
		long voices = current.voices(competitorIds);
		long previousVoices = before.voices(competitorIds);
		List<BoardFigures.Voice> shareOfVoice = new ArrayList<>();
		shareOfVoice.add(voice(ORGANIZATION, organization.name(), true, current.organization(), voices,
				before.organization(), previousVoices, previousMonth));
		for (Competitor competitor : organization.competitors()) {
			shareOfVoice.add(voice(competitor.id(), competitor.name(), false,
					current.competitors().getOrDefault(competitor.id(), BoardMonth.Count.NONE), voices,
					before.competitors().getOrDefault(competitor.id(), BoardMonth.Count.NONE), previousVoices,
					previousMonth));
		}
		List<BoardFigures.DepartmentMonth> departments = new ArrayList<>();
		for (Department department : organization.departments()) {
			BoardMonth.Count now = current.departments().getOrDefault(department.id(), BoardMonth.Count.NONE);
			BoardMonth.Count then = before.departments().getOrDefault(department.id(), BoardMonth.Count.NONE);
			departments.add(new BoardFigures.DepartmentMonth(department.id(), department.name(), now.mentions(),
					then.mentions(), volumeChange(now.mentions(), then.mentions(), previousMonth), now.sentiment()));
		}
		BoardFigures figures = new BoardFigures(total, previousTotal, volumeChange(total, previousTotal, previousMonth),
				current.organization().sentiment(), before.organization().sentiment(),
				sentimentChange(current.organization().sentiment(), before.organization().sentiment(), previousMonth),
				shareOfVoice, departments, widestReach.stream().limit(topMentions).map(TopMention::of).toList());
		return new BoardDigest(organization.name(), board.members(), period, figures);
	}

	/**
	 * Say how a month's volume compares with the month before.
	 * @param total mentions this month
	 * @param previousTotal mentions last month
	 * @param previousMonth last month's name
	 * @return "up 12% on October", "down 3% on October", "the same as October", "about
	 * the same as October" or "no mentions in October"
	 */
	public static String volumeChange(long total, long previousTotal, String previousMonth) {
		if (previousTotal == 0) {
			return "no mentions in " + previousMonth;
		}
		if (total == previousTotal) {
			return "the same as " + previousMonth;
		}
		long percent = Math.round(Math.abs(total - previousTotal) * 100.0 / previousTotal);
		if (percent == 0) {
			return "about the same as " + previousMonth;
		}
		return ((total > previousTotal) ? "up " : "down ") + percent + "% on " + previousMonth;
	}

	/**
	 * Say how the negative share of the judged mentions moved.
	 * @param now this month's sentiment
	 * @param before last month's
	 * @param previousMonth last month's name
	 * @return "18% negative, down from 25% in October", "18% negative, as in October",
	 * "18% negative; none judged in October" or "none judged"
	 */
	public static String sentimentChange(BoardFigures.Sentiment now, BoardFigures.Sentiment before,
			String previousMonth) {
		if (now.judged() == 0) {
			return "no mention judged for sentiment";
		}
		String negative = now.negativePercent() + "% negative";
		if (before.judged() == 0) {
			return negative + "; none judged in " + previousMonth;
		}
		int then = before.negativePercent();
		if (then == now.negativePercent()) {
			return negative + ", as in " + previousMonth;
		}
		return negative + ((now.negativePercent() > then) ? ", up from " : ", down from ") + then + "% in "
				+ previousMonth;
	}

	private static BoardFigures.Voice voice(String key, String name, boolean organization, BoardMonth.Count now,
			long voices, BoardMonth.Count then, long previousVoices, String previousMonth) {
		int percent = BoardFigures.percent(now.mentions(), voices);
		int previousPercent = BoardFigures.percent(then.mentions(), previousVoices);
		String change;
		if (previousVoices == 0) {
			change = "nobody was heard in " + previousMonth;
		}
		else if (percent == previousPercent) {
			change = "level with " + previousMonth;
		}
		else {
			int points = Math.abs(percent - previousPercent);
			change = ((percent > previousPercent) ? "up " : "down ") + points + ((points == 1) ? " point" : " points")
					+ " on " + previousMonth;
		}
		return new BoardFigures.Voice(key, name, organization, now.mentions(), percent, then.mentions(),
				previousPercent, change, now.sentiment());
	}

}
