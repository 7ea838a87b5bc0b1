package io.grapevine.listening.query.dialect;

import java.util.List;

/**
 * One thing a social API can search for.
 */
sealed interface Atom {

	/**
	 * A whole word.
	 *
	 * @param word the normalised word
	 */
	record Word(String word) implements Atom {

	}

	/**
	 * Words next to each other in this order.
	 *
	 * @param words the normalised words
	 */
	record Phrase(List<String> words) implements Atom {

		public Phrase {
			words = List.copyOf(words);
		}

	}

	/**
	 * A hashtag in the text.
	 *
	 * @param tag the normalised tag without {@code #}
	 */
	record Tag(String tag) implements Atom {

	}

	/**
	 * A handle written in the text.
	 *
	 * @param handle the normalised handle without {@code @}
	 */
	record Mentions(String handle) implements Atom {

	}

	/**
	 * Posts by an author.
	 *
	 * @param handle the normalised handle without {@code @}
	 */
	record From(String handle) implements Atom {

	}

	/**
	 * Posts in a language.
	 *
	 * @param code the language code
	 */
	record Lang(String code) implements Atom {

	}

}
