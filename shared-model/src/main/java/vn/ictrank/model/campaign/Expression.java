package vn.ictrank.model.campaign;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A formula of a criteria set: arithmetic, comparisons, {@code and}/{@code or}/{@code not},
 * and the functions {@code min}, {@code max}, {@code abs}, {@code if} (lazy), {@code group_max} and, in data
 * checks only, {@code group_median} and {@code last_year}.
 * Yes/no values are 1 and 0. Parse with {@link ExpressionParser}.
 */
public sealed interface Expression {

	MathContext MATH = MathContext.DECIMAL64;

	BigDecimal evaluate(Scope scope);

	/** Ids the formula reads directly. */
	Set<String> references();

	/**
	 * Ids whose values from outside the form the formula needs: across the group ({@code group_max},
	 * {@code group_median}) or in the agency's form of the previous campaign ({@code last_year}).
	 */
	Set<String> groupReferences();

	/** Where a formula gets its values from. */
	interface Scope {

		BigDecimal value(String id);

		/** The largest value of {@code id} among the agencies of the group. */
		BigDecimal groupMax(String id);

		/** The median of {@code id} among the agencies of the group; only data checks ask for it. */
		default BigDecimal groupMedian(String id) {
			throw new EvaluationException("group_median chỉ dùng trong kiểm tra số liệu");
		}

		/**
		 * The value of {@code id} in the same agency's form of the previous campaign of the same
		 * province; only data checks ask for it.
		 * @throws NoFigureLastYear when there is no such form, or no such value in it
		 */
		default BigDecimal lastYear(String id) {
			throw new EvaluationException("last_year chỉ dùng trong kiểm tra số liệu");
		}
	}

	/**
	 * The agency sent no form in the previous campaign, or that form had no such value: there is
	 * nothing to compare with, which says nothing about this year's figures.
	 */
	final class NoFigureLastYear extends RuntimeException {

		public NoFigureLastYear(String id) {
			super("không có số liệu '" + id + "' của năm trước");
		}
	}

	/** A formula that cannot be computed for the given values, such as a division by zero. */
	final class EvaluationException extends RuntimeException {

		public EvaluationException(String message) {
			super(message);
		}
	}

	record Number(BigDecimal value) implements Expression {

		@Override
		public BigDecimal evaluate(Scope scope) {
			return this.value;
		}

		@Override
		public Set<String> references() {
			return Set.of();
		}

		@Override
		public Set<String> groupReferences() {
			return Set.of();
		}
	}

	record Ref(String id) implements Expression {

		@Override
		public BigDecimal evaluate(Scope scope) {
			return scope.value(this.id);
		}

		@Override
		public Set<String> references() {
			return Set.of(this.id);
		}

		@Override
		public Set<String> groupReferences() {
			return Set.of();
		}
	}

	record Unary(String operator, Expression operand) implements Expression {

		@Override
		public BigDecimal evaluate(Scope scope) {
			BigDecimal value = this.operand.evaluate(scope);
			return "-".equals(this.operator) ? value.negate() : truth(!isTrue(value));
		}

		@Override
		public Set<String> references() {
			return this.operand.references();
		}

		@Override
		public Set<String> groupReferences() {
			return this.operand.groupReferences();
		}
	}

	record Binary(String operator, Expression left, Expression right) implements Expression {

		@Override
		public BigDecimal evaluate(Scope scope) {
			BigDecimal l = this.left.evaluate(scope);
			switch (this.operator) {
				case "and":
					return isTrue(l) ? truth(isTrue(this.right.evaluate(scope))) : BigDecimal.ZERO;
				case "or":
					return isTrue(l) ? BigDecimal.ONE : truth(isTrue(this.right.evaluate(scope)));
				default:
					break;
			}
			BigDecimal r = this.right.evaluate(scope);
			return switch (this.operator) {
				case "+" -> l.add(r, MATH);
				case "-" -> l.subtract(r, MATH);
				case "*" -> l.multiply(r, MATH);
				case "/" -> {
					if (r.signum() == 0) {
						throw new EvaluationException("chia cho 0");
					}
					yield l.divide(r, MATH);
				}
				case "<" -> truth(l.compareTo(r) < 0);
				case "<=" -> truth(l.compareTo(r) <= 0);
				case ">" -> truth(l.compareTo(r) > 0);
				case ">=" -> truth(l.compareTo(r) >= 0);
				case "==" -> truth(l.compareTo(r) == 0);
				case "!=" -> truth(l.compareTo(r) != 0);
				default -> throw new IllegalStateException(this.operator);
			};
		}

		@Override
		public Set<String> references() {
			return union(this.left.references(), this.right.references());
		}

		@Override
		public Set<String> groupReferences() {
			return union(this.left.groupReferences(), this.right.groupReferences());
		}
	}

	record Call(String function, List<Expression> arguments) implements Expression {

		public Call {
			arguments = List.copyOf(arguments);
		}

		@Override
		public BigDecimal evaluate(Scope scope) {
			return switch (this.function) {
				case "if" -> isTrue(this.arguments.get(0).evaluate(scope)) ? this.arguments.get(1).evaluate(scope)
						: this.arguments.get(2).evaluate(scope);
				case "min" -> this.arguments.stream().map(a -> a.evaluate(scope)).reduce(BigDecimal::min).orElseThrow();
				case "max" -> this.arguments.stream().map(a -> a.evaluate(scope)).reduce(BigDecimal::max).orElseThrow();
				case "abs" -> this.arguments.get(0).evaluate(scope).abs();
				case "group_max" -> scope.groupMax(((Ref) this.arguments.get(0)).id());
				case "group_median" -> scope.groupMedian(((Ref) this.arguments.get(0)).id());
				case "last_year" -> scope.lastYear(((Ref) this.arguments.get(0)).id());
				default -> throw new IllegalStateException(this.function);
			};
		}

		@Override
		public Set<String> references() {
			if (readsOutsideTheForm()) {
				return Set.of();
			}
			return this.arguments.stream().map(Expression::references).reduce(Set.of(), Expression::union);
		}

		@Override
		public Set<String> groupReferences() {
			if (readsOutsideTheForm()) {
				return Set.of(((Ref) this.arguments.get(0)).id());
			}
			return this.arguments.stream().map(Expression::groupReferences).reduce(Set.of(), Expression::union);
		}

		private boolean readsOutsideTheForm() {
			return "group_max".equals(this.function) || "group_median".equals(this.function) || "last_year".equals(this.function);
		}
	}

	/** Whether the formula calls the function {@code name} anywhere. */
	default boolean calls(String name) {
		if (this instanceof Unary u) {
			return u.operand().calls(name);
		}
		if (this instanceof Binary b) {
			return b.left().calls(name) || b.right().calls(name);
		}
		if (this instanceof Call c) {
			return c.function().equals(name) || c.arguments().stream().anyMatch(a -> a.calls(name));
		}
		return false;
	}

	static boolean isTrue(BigDecimal value) {
		return value.signum() != 0;
	}

	static BigDecimal truth(boolean value) {
		return value ? BigDecimal.ONE : BigDecimal.ZERO;
	}

	private static Set<String> union(Set<String> a, Set<String> b) {
		Set<String> all = new LinkedHashSet<>(a);
		all.addAll(b);
		return all;
	}
}
