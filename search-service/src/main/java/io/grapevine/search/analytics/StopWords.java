package io.grapevine.search.analytics;

import java.text.Normalizer;
import java.time.DayOfWeek;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.grapevine.listening.organization.Topic;

/**
 * The words that never count as rising: the stop-words of the languages the platform
 * listens in, weekdays and months in them, the noise of social posts, and the keywords of
 * the organization's topics, all as the query language reads words (lower case, accents
 * folded).
 */
public final class StopWords {

	private static final String ENGLISH = "a about above after again against all also am an and any are as at be because "
			+ "been before being below between both but by can could did do does doing down during each few for from "
			+ "further had has have having he her here hers herself him himself his how i if in into is it its itself "
			+ "just me more most my myself no nor not now of off on once only or other our ours out over own same she "
			+ "should so some such than that the their theirs them then there these they this those through to too "
			+ "under until up very was we were what when where which while who whom why will with would you your "
			+ "yours im ive its dont cant wont didnt doesnt isnt arent wasnt get got go going one still today yesterday "
			+ "like really much many even back well way just know think see make made want need";

	private static final String SPANISH = "a al algo algunas algunos ante antes como con contra cual cuando de del desde "
			+ "donde durante e el ella ellas ellos en entre era eres es esa esas ese eso esos esta estaba estamos estan "
			+ "estar estas este esto estos fue fueron ha hay han hasta la las le les lo los mas me mi mis mucho muy nada "
			+ "ni no nos nosotros o os otra otro para pero poco por porque que quien se sea ser si sin sobre son su sus "
			+ "tambien tanto te tiene tienen todo todos tu tus un una uno unos y ya yo hoy ayer";

	private static final String FRENCH = "a ai au aux avec c ce ces cette d dans de des du elle elles en est et etait "
			+ "etre eu il ils j je l la le les leur leurs lui m ma mais me meme mes moi mon n ne nos notre nous on ont "
			+ "ou par pas pour qu que qui s sa sans se ses si son sont sur ta te tes toi ton tous tout tres tu un une "
			+ "vos votre vous y aujourd hui hier plus bien fait faire";

	private static final String GERMAN = "aber als also am an auch auf aus bei bin bis bist da damit dann das dass dein "
			+ "dem den der des die dies diese dieser dir doch du durch ein eine einem einen einer es fur hat hatte "
			+ "haben heute ich ihr im in ist ja jetzt kann kein keine mein mit mich mir nach nicht noch nur ob oder "
			+ "schon sehr sein sich sie sind so uber um und uns unser von vor war waren was weil wenn wer wie wieder "
			+ "wir wird zu zum zur gestern mehr immer";

	private static final String PORTUGUESE = "a ao aos as com como da das de dela dele do dos e ela elas ele eles em "
			+ "entre era essa esse esta este eu foi ha isso isto ja la mais mas me meu minha muito na nao nas nem no "
			+ "nos nossa nosso num numa o os ou para pela pelo por porque quando que quem se sem ser seu sua sao so "
			+ "tambem te tem todo tu um uma voce hoje ontem";

	private static final String ITALIAN = "a ad al alla alle anche che chi ci come con da dal dalla dei del della delle "
			+ "di e ed gli ha hanno ho i il in io la le lei lo loro lui ma mi mio mia molto ne nei nel nella noi non "
			+ "o per perche piu poi quando quello questa questo se sei si sono su sua suo ti tra tu tutto un una uno "
			+ "vi voi oggi ieri gia";

	private static final String SOCIAL = "rt via amp http https www com org net html";

	private static final String TIME_AND_FILLERS = "tomorrow tonight morning evening afternoon night weekend day days "
			+ "week weeks month months year years hour hours minute minutes time times thing things stuff lot lots ok "
			+ "okay yes yeah";

	private static final Set<String> LANGUAGE_WORDS = languageWords();

	private StopWords() {
	}

	private static Set<String> languageWords() {
		Set<String> words = words(
				String.join(" ", ENGLISH, SPANISH, FRENCH, GERMAN, PORTUGUESE, ITALIAN, SOCIAL, TIME_AND_FILLERS));
		// Weekdays and months say when, not what: a digest of a Sunday would find
		// "sunday".
		// Short forms in English only, as elsewhere they are words too ("mar", "mer").
		for (String language : List.of("en", "es", "fr", "de", "pt", "it")) {
			Locale locale = Locale.forLanguageTag(language);
			for (TextStyle style : language.equals("en") ? List.of(TextStyle.FULL, TextStyle.SHORT)
					: List.of(TextStyle.FULL)) {
				for (DayOfWeek day : DayOfWeek.values()) {
					words.addAll(words(day.getDisplayName(style, locale)));
				}
				for (Month month : Month.values()) {
					words.addAll(words(month.getDisplayName(style, locale)));
				}
			}
		}
		return Set.copyOf(words);
	}

	/**
	 * The words that never count as rising for an organization's topics.
	 * @param topics the topics, whose keywords are left out word by word
	 * @return the words, folded as the query language folds them
	 */
	public static Set<String> excluded(Collection<Topic> topics) {
		Set<String> excluded = new LinkedHashSet<>(LANGUAGE_WORDS);
		for (Topic topic : topics) {
			topic.keywords().forEach((keyword) -> excluded.addAll(words(keyword)));
		}
		return excluded;
	}

	/**
	 * Whether a word is worth showing as a rising term: three letters or more, not a
	 * number.
	 * @param word the word
	 * @return whether it can be a rising term
	 */
	public static boolean meaningful(String word) {
		return word.codePointCount(0, word.length()) >= 3 && !word.chars().allMatch(Character::isDigit)
				&& !LANGUAGE_WORDS.contains(word);
	}

	/**
	 * The words of a text as the query language reads them: lower case, accents folded,
	 * split at everything that is not a letter or a digit.
	 * @param text the text
	 * @return its words
	 */
	public static Set<String> words(String text) {
		String folded = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD)
			.replaceAll("\\p{Mn}+", "");
		return Arrays.stream(folded.split("[^\\p{L}\\p{N}_]+"))
			.filter((word) -> !word.isEmpty())
			.collect(Collectors.toCollection(LinkedHashSet::new));
	}

}
