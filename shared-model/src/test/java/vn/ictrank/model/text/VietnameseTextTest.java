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

	@Test
	void decodesTextTypedInTcvn3Fonts() {
		assertThat(VietnameseText.fromTcvn3("C\u00e9ng h\u00dfa X\u00b7 h\u00e9i", false)).isEqualTo("Cộng hòa Xã hội");
		assertThat(VietnameseText.fromTcvn3("S\u00eb N\u00e9i v\u00f4", false)).isEqualTo("Sở Nội vụ");
		assertThat(VietnameseText.fromTcvn3("M\u00ad\u00eang Kh\u00ad\u00acng", false)).isEqualTo("Mường Khương");
		assertThat(VietnameseText.fromTcvn3("s\u00eb n\u00e9i v\u00f4", true)).isEqualTo("SỞ NỘI VỤ");
		assertThat(VietnameseText.isTcvn3Font(".VnTime")).isTrue();
		assertThat(VietnameseText.isTcvn3CapitalsFont(".VnTimeH")).isTrue();
		assertThat(VietnameseText.isTcvn3Font("Times New Roman")).isFalse();
	}
}
