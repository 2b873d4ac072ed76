package vn.ictrank.model.campaign;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExpressionTest {

	private static BigDecimal eval(String formula, Map<String, Integer> values, Map<String, Integer> groupMax) {
		return ExpressionParser.parse(formula).evaluate(new Expression.Scope() {
			@Override
			public BigDecimal value(String id) {
				return BigDecimal.valueOf(values.get(id));
			}

			@Override
			public BigDecimal groupMax(String id) {
				return BigDecimal.valueOf(groupMax.get(id));
			}
		});
	}

	@Test
	void scoresARatioTimesTheMaximum() {
		assertThat(eval("if(t > 0, min(1, c / t), 0) * 6", Map.of("c", 80, "t", 100), Map.of()))
			.isEqualByComparingTo("4.8");
	}

	@Test
	void capsARatioAboveOneAtTheMaximum() {
		assertThat(eval("if(t > 0, min(1, c / t), 0) * 6", Map.of("c", 120, "t", 100), Map.of())).isEqualByComparingTo("6");
	}

	@Test
	void evaluatesOnlyTheChosenBranchOfIf() {
		assertThat(eval("if(t > 0, c / t, 0) * 4", Map.of("c", 5, "t", 0), Map.of())).isEqualByComparingTo("0");
	}

	@Test
	void normalisesAgainstTheBestAgencyOfTheGroup() {
		assertThat(eval("if(group_max(bw) > 0, bw / group_max(bw), 0) * 5", Map.of("bw", 2), Map.of("bw", 8)))
			.isEqualByComparingTo("1.25");
	}

	@Test
	void takesTheDistanceBetweenTwoValuesWithAbs() {
		assertThat(eval("abs(a - b) <= 50", Map.of("a", 20, "b", 80), Map.of())).isEqualByComparingTo("0");
		assertThat(eval("abs(a - b)", Map.of("a", 80, "b", 20), Map.of())).isEqualByComparingTo("60");
	}

	@Test
	void treatsYesAsOneAndCombinesConditions() {
		assertThat(eval("if(a and not b, 3, 0)", Map.of("a", 1, "b", 0), Map.of())).isEqualByComparingTo("3");
		assertThat(eval("x <= t and y <= t or 0", Map.of("x", 2, "y", 5, "t", 4), Map.of())).isEqualByComparingTo("0");
		assertThat(eval("-x + 2 * (3 - 1)", Map.of("x", 1), Map.of())).isEqualByComparingTo("3");
	}

	@Test
	void listsWhatAFormulaReads() {
		Expression e = ExpressionParser.parse("if(group_max(bw) > 0, bw / group_max(bw), min(a, b))");
		assertThat(e.references()).containsExactlyInAnyOrder("bw", "a", "b");
		assertThat(e.groupReferences()).containsExactly("bw");
	}

	@Test
	void explainsWhereAFormulaIsWrong() {
		assertThatThrownBy(() -> ExpressionParser.parse("if(a > 0, 3)")).hasMessageContaining("hàm if cần 3 đối số");
		assertThatThrownBy(() -> ExpressionParser.parse("sqrt(a)")).hasMessageContaining("hàm không được hỗ trợ 'sqrt'");
		assertThatThrownBy(() -> ExpressionParser.parse("(a + b")).hasMessageContaining("thiếu ')'");
		assertThatThrownBy(() -> ExpressionParser.parse("a ? b")).hasMessageContaining("thừa ký tự");
	}
}
