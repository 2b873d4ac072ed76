package vn.ictrank.model.text;

import java.text.Normalizer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VietnameseTextTest {

	@Test
	void matchesDecomposedUnikeyTextAgainstComposedText() {
		String decomposed = Normalizer.normalize("Tổng số máy tính", Normalizer.Form.NFD);

		assertThat(VietnameseText.matchKey(decomposed)).isEqualTo(VietnameseText.matchKey("TỔNG SỐ MÁY TÍNH"));
		assertThat(VietnameseText.nfc(decomposed)).isEqualTo("Tổng số máy tính");
	}

	@Test
	void foldsDiacriticsCasePunctuationAndSpacing() {
		assertThat(VietnameseText.matchKey("  Đường truyền  số liệu, chuyên dùng ")).isEqualTo("duong truyen so lieu chuyen dung");
		assertThat(VietnameseText.matchKey("Tường lửa/cảnh báo")).isEqualTo("tuong lua canh bao");
	}
}
