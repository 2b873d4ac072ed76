package vn.ictrank.model.campaign;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses the formula language of the criteria files. Precedence, loosest first:
 * {@code or}, {@code and}, {@code not}, comparisons, {@code + -}, {@code * /}, unary minus.
 */
public final class ExpressionParser {

	/** Functions and the number of arguments each takes ({@code -1}: two or more). */
	private static final Map<String, Integer> FUNCTIONS = Map.of("min", -1, "max", -1, "abs", 1, "if", 3, "group_max", 1,
			"group_median", 1, "last_year", 1);

	private final String text;

	private int pos;

	private ExpressionParser(String text) {
		this.text = text;
	}

	/** @throws IllegalArgumentException naming the position and what was expected */
	public static Expression parse(String text) {
		if (text == null || text.isBlank()) {
			throw new IllegalArgumentException("công thức trống");
		}
		ExpressionParser parser = new ExpressionParser(text);
		Expression expression = parser.or();
		parser.skipSpaces();
		if (parser.pos < text.length()) {
			throw parser.error("thừa ký tự '" + text.substring(parser.pos) + "'");
		}
		return expression;
	}

	private Expression or() {
		Expression left = and();
		while (keyword("or")) {
			left = new Expression.Binary("or", left, and());
		}
		return left;
	}

	private Expression and() {
		Expression left = not();
		while (keyword("and")) {
			left = new Expression.Binary("and", left, not());
		}
		return left;
	}

	private Expression not() {
		if (keyword("not")) {
			return new Expression.Unary("not", not());
		}
		return comparison();
	}

	private Expression comparison() {
		Expression left = additive();
		for (String op : List.of("<=", ">=", "==", "!=", "<", ">")) {
			if (symbol(op)) {
				return new Expression.Binary(op, left, additive());
			}
		}
		return left;
	}

	private Expression additive() {
		Expression left = multiplicative();
		while (true) {
			if (symbol("+")) {
				left = new Expression.Binary("+", left, multiplicative());
			}
			else if (symbol("-")) {
				left = new Expression.Binary("-", left, multiplicative());
			}
			else {
				return left;
			}
		}
	}

	private Expression multiplicative() {
		Expression left = unary();
		while (true) {
			if (symbol("*")) {
				left = new Expression.Binary("*", left, unary());
			}
			else if (symbol("/")) {
				left = new Expression.Binary("/", left, unary());
			}
			else {
				return left;
			}
		}
	}

	private Expression unary() {
		if (symbol("-")) {
			return new Expression.Unary("-", unary());
		}
		return primary();
	}

	private Expression primary() {
		skipSpaces();
		if (symbol("(")) {
			Expression inner = or();
			expect(")");
			return inner;
		}
		if (this.pos < this.text.length() && (Character.isDigit(peek()) || peek() == '.')) {
			int start = this.pos;
			while (this.pos < this.text.length() && (Character.isDigit(peek()) || peek() == '.')) {
				this.pos++;
			}
			try {
				return new Expression.Number(new BigDecimal(this.text.substring(start, this.pos)));
			}
			catch (NumberFormatException ex) {
				throw error("số không hợp lệ '" + this.text.substring(start, this.pos) + "'");
			}
		}
		String name = identifier();
		if (name == null) {
			throw error(this.pos < this.text.length() ? "không hiểu ký tự '" + peek() + "'" : "công thức kết thúc đột ngột");
		}
		if (name.equals("true") || name.equals("false")) {
			return new Expression.Number(name.equals("true") ? BigDecimal.ONE : BigDecimal.ZERO);
		}
		if (!symbol("(")) {
			return new Expression.Ref(name);
		}
		Integer arity = FUNCTIONS.get(name);
		if (arity == null) {
			throw error("hàm không được hỗ trợ '" + name + "' (chỉ có min, max, abs, if, group_max, group_median, last_year)");
		}
		List<Expression> arguments = new ArrayList<>();
		if (!symbol(")")) {
			do {
				arguments.add(or());
			}
			while (symbol(","));
			expect(")");
		}
		if ((arity == -1 && arguments.size() < 2) || (arity >= 0 && arguments.size() != arity)) {
			throw error("hàm " + name + " cần " + (arity == -1 ? "ít nhất 2" : arity) + " đối số, có " + arguments.size());
		}
		if ((name.startsWith("group_") || name.equals("last_year")) && !(arguments.get(0) instanceof Expression.Ref)) {
			throw error(name + " chỉ nhận tên một giá trị, ví dụ " + name + "(bw_per_staff)");
		}
		return new Expression.Call(name, arguments);
	}

	private String identifier() {
		skipSpaces();
		int start = this.pos;
		while (this.pos < this.text.length() && (Character.isLetterOrDigit(peek()) || peek() == '_')) {
			this.pos++;
		}
		return start == this.pos ? null : this.text.substring(start, this.pos);
	}

	private boolean keyword(String word) {
		skipSpaces();
		int end = this.pos + word.length();
		if (this.text.startsWith(word, this.pos)
				&& (end == this.text.length() || !(Character.isLetterOrDigit(this.text.charAt(end)) || this.text.charAt(end) == '_'))) {
			this.pos = end;
			return true;
		}
		return false;
	}

	private boolean symbol(String symbol) {
		skipSpaces();
		if (this.text.startsWith(symbol, this.pos)) {
			this.pos += symbol.length();
			return true;
		}
		return false;
	}

	private void expect(String symbol) {
		if (!symbol(symbol)) {
			throw error("thiếu '" + symbol + "'");
		}
	}

	private char peek() {
		return this.text.charAt(this.pos);
	}

	private void skipSpaces() {
		while (this.pos < this.text.length() && Character.isWhitespace(peek())) {
			this.pos++;
		}
	}

	private IllegalArgumentException error(String problem) {
		return new IllegalArgumentException(problem + " (vị trí " + (this.pos + 1) + " trong \"" + this.text + "\")");
	}
}
