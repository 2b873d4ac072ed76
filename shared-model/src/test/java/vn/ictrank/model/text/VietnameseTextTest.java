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

	@Test
	void readsTextTypedInVniFonts() {
		// The phrases as agencies in Thanh Hóa type them
		assertThat(VietnameseText.fromVni("Vieät Nam")).isEqualTo("Việt Nam");
		assertThat(VietnameseText.fromVni("Sôû Noäi vuï")).isEqualTo("Sở Nội vụ");
		assertThat(VietnameseText.fromVni("Thaønh phoá Thanh Hoùa")).isEqualTo("Thành phố Thanh Hóa");
		assertThat(VietnameseText.fromVni("Huyeän Baù Thöôùc")).isEqualTo("Huyện Bá Thước");
		assertThat(VietnameseText.fromVni("Ñaø Naüng")).isEqualTo("Đà Nẵng");
		assertThat(VietnameseText.fromVni("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM")).isEqualTo("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
		assertThat(VietnameseText.fromVni("Ñoäc laäp - Töï do - Haïnh phuùc")).isEqualTo("Độc lập - Tự do - Hạnh phúc");

		// Every tone on each vowel, lower case and upper case
		assertThat(VietnameseText.fromVni("ba baù baø baû baõ baï")).isEqualTo("ba bá bà bả bã bạ");
		assertThat(VietnameseText.fromVni("AÙO AØO AÛO AÕO AÏO")).isEqualTo("ÁO ÀO ẢO ÃO ẠO");
		assertThat(VietnameseText.fromVni("aên aét aèng aúng aüng aët")).isEqualTo("ăn ắt ằng ẳng ẵng ặt");
		assertThat(VietnameseText.fromVni("AÊN AÉT AÈNG AÚNG AÜNG AËT")).isEqualTo("ĂN ẮT ẰNG ẲNG ẴNG ẶT");
		assertThat(VietnameseText.fromVni("aân aán aàm aån aãn aäm")).isEqualTo("ân ấn ầm ẩn ẫn ậm");
		assertThat(VietnameseText.fromVni("AÂN AÁN AÀM AÅN AÃN AÄM")).isEqualTo("ÂN ẤN ẦM ẨN ẪN ẬM");
		assertThat(VietnameseText.fromVni("keùm meø keû veõ meï")).isEqualTo("kém mè kẻ vẽ mẹ");
		assertThat(VietnameseText.fromVni("EÙ EØ EÛ EÕ EÏ")).isEqualTo("É È Ẻ Ẽ Ẹ");
		assertThat(VietnameseText.fromVni("keâ teá veà ñeå neã meät")).isEqualTo("kê tế về để nễ mệt");
		assertThat(VietnameseText.fromVni("KEÂ TEÁ VEÀ ÑEÅ NEÃ MEÄT")).isEqualTo("KÊ TẾ VỀ ĐỂ NỄ MỆT");
		assertThat(VietnameseText.fromVni("ít chì chæ nghó chò")).isEqualTo("ít chì chỉ nghĩ chị");
		assertThat(VietnameseText.fromVni("ÍT CHÌ CHÆ NGHÓ CHÒ")).isEqualTo("ÍT CHÌ CHỈ NGHĨ CHỊ");
		assertThat(VietnameseText.fromVni("coù coø coû coõ coï")).isEqualTo("có cò cỏ cõ cọ");
		assertThat(VietnameseText.fromVni("OÙ OØ OÛ OÕ OÏ")).isEqualTo("Ó Ò Ỏ Õ Ọ");
		assertThat(VietnameseText.fromVni("coâ coá coà coå coã coä")).isEqualTo("cô cố cồ cổ cỗ cộ");
		assertThat(VietnameseText.fromVni("COÂ COÁ COÀ COÅ COÃ COÄ")).isEqualTo("CÔ CỐ CỒ CỔ CỖ CỘ");
		assertThat(VietnameseText.fromVni("mô môùi môøi môû môõ môï")).isEqualTo("mơ mới mời mở mỡ mợ");
		assertThat(VietnameseText.fromVni("MÔ MÔÙI MÔØI MÔÛ MÔÕ MÔÏ")).isEqualTo("MƠ MỚI MỜI MỞ MỠ MỢ");
		assertThat(VietnameseText.fromVni("cuù cuø cuû cuõ cuï")).isEqualTo("cú cù củ cũ cụ");
		assertThat(VietnameseText.fromVni("UÙT UØN UÛN UÕN UÏN")).isEqualTo("ÚT ÙN ỦN ŨN ỤN");
		assertThat(VietnameseText.fromVni("tö töù töø töû töõ töï")).isEqualTo("tư tứ từ tử tữ tự");
		assertThat(VietnameseText.fromVni("TÖ TÖÙ TÖØ TÖÛ TÖÕ TÖÏ")).isEqualTo("TƯ TỨ TỪ TỬ TỮ TỰ");
		assertThat(VietnameseText.fromVni("yù kyø kyû kyõ kî")).isEqualTo("ý kỳ kỷ kỹ kỵ");
		assertThat(VietnameseText.fromVni("YÙ KYØ KYÛ KYÕ KÎ")).isEqualTo("Ý KỲ KỶ KỸ KỴ");

		// ư and ơ together, đ and Đ, capitalised words
		assertThat(VietnameseText.fromVni("Tröôøng ngöôøi nöôùng löôõi ñöôïc")).isEqualTo("Trường người nướng lưỡi được");
		assertThat(VietnameseText.fromVni("TRÖÔØNG ÑÖÔÏC")).isEqualTo("TRƯỜNG ĐƯỢC");
		assertThat(VietnameseText.fromVni("ñi Ñi ÑI")).isEqualTo("đi Đi ĐI");
		assertThat(VietnameseText.fromVni("AÁp AÉt Öôùc ÔÛ Ñoàng")).isEqualTo("Ấp Ắt Ước Ở Đồng");

		// A bare circumflex or breve then a tone is read too
		assertThat(VietnameseText.fromVni("phoâù Naêõ")).isEqualTo("phố Nẵ");
	}

	@Test
	void leavesTextThatIsNotVniAsItIs() {
		assertThat(VietnameseText.fromVni("Tong so may tinh: 12 (cai), 3.5%")).isEqualTo("Tong so may tinh: 12 (cai), 3.5%");
		assertThat(VietnameseText.fromVni("")).isEmpty();
		assertThat(VietnameseText.fromVni("Ñieåm – “toát”")).isEqualTo("Điểm – “tốt”");
		// Unicode given by mistake, composed or not
		assertThat(VietnameseText.fromVni("Sở Nội vụ")).isEqualTo("Sở Nội vụ");
		assertThat(VietnameseText.fromVni(Normalizer.normalize("Tổng số máy tính", Normalizer.Form.NFD))).isEqualTo("Tổng số máy tính");
		assertThat(VietnameseText.fromVni("Hà Nam, Công tác")).isEqualTo("Hà Nam, Công tác");
		assertThat(VietnameseText.fromVni("Tên")).isEqualTo("Tên");
	}

	@Test
	void recognisesVniFontNames() {
		assertThat(VietnameseText.isVniFont("VNI-Times")).isTrue();
		assertThat(VietnameseText.isVniFont("VNI-Helve")).isTrue();
		assertThat(VietnameseText.isVniFont("vni-aptima")).isTrue();
		assertThat(VietnameseText.isVniFont("VNI-Helve-Condense")).isTrue();
		assertThat(VietnameseText.isVniFont(".VnTime")).isFalse();
		assertThat(VietnameseText.isVniFont("Times New Roman")).isFalse();
		assertThat(VietnameseText.isVniFont("VNI")).isFalse();
		assertThat(VietnameseText.isVniFont(null)).isFalse();
		assertThat(VietnameseText.isTcvn3Font("VNI-Times")).isFalse();
	}
}
