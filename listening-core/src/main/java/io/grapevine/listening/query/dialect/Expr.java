package io.grapevine.listening.query.dialect;

import java.util.ArrayList;
import java.util.List;

/**
 * A query in the terms a dialect can express, in negation normal form: only atoms are
 * negated, and constants stand for what could not be expressed.
 */
sealed interface Expr {

	Expr TRUE = new Constant(true);

	Expr FALSE = new Constant(false);

	/**
	 * Always or never matches.
	 *
	 * @param value whether it matches
	 */
	record Constant(boolean value) implements Expr {

	}

	/**
	 * An atom the dialect writes, maybe negated.
	 *
	 * @param atom the atom
	 * @param negated whether it must not match
	 */
	record Literal(Atom atom, boolean negated) implements Expr {

	}

	/**
	 * Every operand matches.
	 *
	 * @param operands the operands
	 */
	record All(List<Expr> operands) implements Expr {

		public All {
			operands = List.copyOf(operands);
		}

	}

	/**
	 * At least one operand matches.
	 *
	 * @param operands the operands
	 */
	record Any(List<Expr> operands) implements Expr {

		public Any {
			operands = List.copyOf(operands);
		}

	}

	static Expr all(List<Expr> operands) {
		List<Expr> kept = new ArrayList<>();
		for (Expr operand : operands) {
			if (operand.equals(FALSE)) {
				return FALSE;
			}
			if (operand instanceof All all) {
				kept.addAll(all.operands());
			}
			else if (!operand.equals(TRUE) && !kept.contains(operand)) {
				kept.add(operand);
			}
		}
		if (kept.isEmpty()) {
			return TRUE;
		}
		return (kept.size() == 1) ? kept.get(0) : new All(kept);
	}

	static Expr any(List<Expr> operands) {
		List<Expr> kept = new ArrayList<>();
		for (Expr operand : operands) {
			if (operand.equals(TRUE)) {
				return TRUE;
			}
			if (operand instanceof Any any) {
				kept.addAll(any.operands());
			}
			else if (!operand.equals(FALSE) && !kept.contains(operand)) {
				kept.add(operand);
			}
		}
		if (kept.isEmpty()) {
			return FALSE;
		}
		return (kept.size() == 1) ? kept.get(0) : new Any(kept);
	}

}
