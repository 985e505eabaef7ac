"""Everyday words for each level-2 field of the Vietnamese S&T classification, in both languages.

Field names are formal ("Trồng trọt", "Khoa học giáo dục"), while people ask for "chè", "lúa" or
"teaching". These curated lists go into `Field.keywords_key` (folded), which the `field_text`
full-text index covers, so such words still reach the right field. Level-3 fields inherit the list of
their level-2 parent. Keep each list short and specific: a word listed under two fields pulls both.
The examples lean to Lai Châu (tea, cardamom, Lai Châu ginseng, macadamia, hydropower).
"""

from __future__ import annotations

FIELD_KEYWORDS: dict[str, str] = {
    # 1 Natural sciences
    "101": "toán; thống kê; xác suất; mathematics; statistics; probability",
    "102": "tin học; công nghệ thông tin; phần mềm; dữ liệu; trí tuệ nhân tạo; "
    "computer science; software; data; artificial intelligence; AI",
    "103": "vật lý; quang học; năng lượng; physics; optics",
    "104": "hóa học; hóa phân tích; chemistry; analytical chemistry",
    "105": "địa chất; khoáng sản; khí tượng; thủy văn; môi trường; biến đổi khí hậu; sạt lở; "
    "geology; minerals; meteorology; hydrology; climate change; landslide",
    "106": "sinh học; đa dạng sinh học; thực vật; động vật; vi sinh; biology; biodiversity; "
    "botany; zoology; microbiology",
    "199": "khoa học tự nhiên; natural sciences",
    # 2 Engineering and technology
    "201": "xây dựng; cầu đường; giao thông; thủy lợi; công trình; civil engineering; "
    "construction; roads; bridges; irrigation",
    "202": "điện; điện tử; viễn thông; tự động hóa; electrical engineering; electronics; "
    "telecommunications; automation",
    "203": "cơ khí; máy móc; chế tạo máy; mechanical engineering; machinery",
    "204": "kỹ thuật hóa học; công nghệ hóa; chemical engineering; process engineering",
    "205": "vật liệu; luyện kim; khai khoáng; materials; metallurgy; mining",
    "206": "thiết bị y tế; kỹ thuật y sinh; medical devices; biomedical engineering",
    "207": "xử lý nước thải; rác thải; ô nhiễm; nước sạch; waste water; pollution; "
    "environmental engineering; clean water",
    "208": "công nghệ sinh học môi trường; xử lý sinh học; environmental biotechnology; bioremediation",
    "209": "công nghệ sinh học công nghiệp; lên men; enzyme; industrial biotechnology; fermentation",
    "210": "công nghệ nano; vật liệu nano; nanotechnology; nanomaterials",
    "211": "thực phẩm; đồ uống; chế biến nông sản; bảo quản nông sản; food technology; beverages; "
    "food processing; food safety",
    "299": "kỹ thuật; công nghệ; thủy điện; năng lượng tái tạo; engineering; technology; "
    "hydropower; renewable energy",
    # 3 Medical and health sciences
    "301": "giải phẫu; sinh lý; dược lý; miễn dịch; anatomy; physiology; pharmacology; immunology",
    "302": "bệnh viện; khám chữa bệnh; nội khoa; ngoại khoa; sản khoa; nhi khoa; điều dưỡng; "
    "clinical medicine; hospital; surgery; obstetrics; pediatrics; nursing",
    "303": "y tế công cộng; y tế dự phòng; dịch tễ; dinh dưỡng; sức khỏe; public health; "
    "preventive medicine; epidemiology; nutrition; health",
    "304": "dược; dược liệu; thuốc; sâm Lai Châu; cây thuốc; pharmacy; medicinal plants; drugs; ginseng",
    "305": "công nghệ sinh học y học; xét nghiệm; di truyền y học; medical biotechnology; "
    "diagnostics; medical genetics",
    "399": "pháp y; quân y; y học thảm họa; forensic medicine; military medicine; disaster medicine",
    # 4 Agricultural sciences
    "401": "trồng trọt; cây trồng; giống cây; lúa; ngô; chè; thảo quả; mắc ca; cây ăn quả; "
    "phân bón; crop; crops; rice; maize; tea; cardamom; macadamia; fruit trees; fertilizer",
    "402": "chăn nuôi; gia súc; gia cầm; lợn; trâu; bò; livestock; animal husbandry; poultry; pigs; cattle",
    "403": "thú y; dịch bệnh vật nuôi; veterinary; animal health; animal diseases",
    "404": "lâm nghiệp; rừng; trồng rừng; bảo vệ rừng; lâm sản; forest; forestry; reforestation; timber",
    "405": "thủy sản; nuôi cá; cá nước lạnh; cá hồi; cá tầm; fisheries; aquaculture; fish; trout; sturgeon",
    "406": "công nghệ sinh học nông nghiệp; nuôi cấy mô; nhân giống; agricultural biotechnology; "
    "tissue culture; propagation",
    "499": "nông nghiệp; khuyến nông; nông thôn; agriculture; agricultural extension; rural",
    # 5 Social sciences
    "501": "tâm lý; tư vấn tâm lý; psychology; counselling",
    "502": "kinh tế; kinh doanh; du lịch; quản lý; tài chính; thị trường; economics; business; "
    "tourism; management; finance; market",
    "503": "giáo dục; dạy học; giáo viên; học sinh; đào tạo; trường học; teaching; education; "
    "teachers; pupils; training",
    "504": "xã hội học; dân tộc thiểu số; giảm nghèo; sociology; ethnic minorities; poverty",
    "505": "pháp luật; luật; hành chính; law; legal; administration",
    "506": "chính trị; chính sách; xây dựng đảng; political science; policy; public policy",
    "507": "địa lý; quy hoạch; dân cư; geography; planning; land use",
    "508": "báo chí; truyền thông; thông tin đại chúng; journalism; media; communications",
    "599": "khoa học xã hội; social sciences",
    # 6 Humanities
    "601": "lịch sử; khảo cổ; di tích; history; archaeology; heritage sites",
    "602": "ngôn ngữ; văn học; tiếng dân tộc; chữ Thái; linguistics; languages; literature",
    "603": "triết học; đạo đức; tôn giáo; tín ngưỡng; philosophy; ethics; religion",
    "604": "nghệ thuật; âm nhạc; múa; mỹ thuật; văn hóa dân gian; arts; music; dance; folk culture",
    "699": "văn hóa; di sản; lễ hội; nhân văn; culture; cultural heritage; festivals; humanities",
}
