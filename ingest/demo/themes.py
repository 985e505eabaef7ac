"""Local research themes of Lai Châu and the titles built from them.

Each theme (from shared/data/laichau/README.md) carries its sector, its S&T field codes, where in the
province it matters, a few activity phrases ("trồng {s} dưới tán rừng tự nhiên") that combine with
generic openers into project and paper titles, and one hand-written consultancy request ("đặt hàng")
that says the same thing in other words, for the retrieval evaluation.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from ingest.demo.names import ascii_fold

# A block starts with "key SECTOR field ... [@first year] | place; place" ("*" = the whole
# province; the first year keeps e.g. OCOP, a programme of 2018, out of older projects), then
# "s:" subject (vi | en), "k:" topics, "a:" activities with {s}, "q:"/"d:" the request (title, text),
# optionally "qe:"/"de:" the same request in English. Repeated prefixes continue the previous line.
_THEMES = """
sam AGRI_FOREST 40105 40602 40403 | Mường Tè; Sìn Hồ; Tam Đường; Phong Thổ
s: sâm Lai Châu | propagation and cultivation of Lai Chau ginseng (Panax vietnamensis var. fuscidiscus)
k: sâm Lai Châu; nhân giống in vitro; trồng dưới tán rừng; bảo tồn nguồn gen; dược liệu quý
a: nhân giống vô tính {s} bằng kỹ thuật nuôi cấy mô; trồng {s} dưới tán rừng tự nhiên
a: bảo tồn và phát triển nguồn gen {s}; kiểm soát chất lượng dược liệu {s}
q: Hỗ trợ kỹ thuật nhân cây giống và canh tác sâm dưới tán rừng cho hộ đồng bào
d: Tỉnh cần chuyên gia hướng dẫn người dân tạo cây con sâm từ mô tế bào, chọn đất dưới tán
d: rừng tự nhiên và chăm sóc cây để giữ được nguồn gen quý.
qe: Technical support for Lai Chau ginseng seedling production
de: We need experts to train households in tissue-culture seedling production of the local
de: ginseng and in growing it under natural forest canopy.
che_shan AGRI_FOREST 40105 40107 21102 | Tân Uyên; Tam Đường; Than Uyên; Sìn Hồ
s: chè Shan tuyết | Shan tuyet tea production and processing
k: chè Shan tuyết; chè cổ thụ; chế biến chè; chỉ dẫn địa lý; vùng chè Tân Uyên
a: phục tráng và chăm sóc vườn {s} cổ thụ; chế biến {s} theo hướng hữu cơ
a: phát triển vùng nguyên liệu {s}; nâng cao chất lượng sản phẩm {s}
q: Tư vấn cải tạo nương chè cổ thụ và quy trình sao sấy chè đặc sản
d: Hợp tác xã muốn phục hồi các nương chè lâu năm, chuẩn hóa khâu sao, sấy và đóng gói để
d: bán sản phẩm chè đặc sản được giá cao hơn.
mac_ca AGRI_FOREST 40105 40406 40104 @2014 | Tam Đường; Phong Thổ; Sìn Hồ; Than Uyên
s: cây mắc ca | macadamia growing in agroforestry systems
k: mắc ca; ghép cải tạo; nông lâm kết hợp; cây công nghiệp; thâm canh
a: tuyển chọn giống và ghép cải tạo {s}; thâm canh tăng năng suất {s}
a: trồng {s} xen cây lâm nghiệp theo mô hình nông lâm kết hợp
q: Chuyên gia đánh giá vườn mắc ca kém hiệu quả và đề xuất ghép thay giống
d: Nhiều diện tích macadamia trồng xen rừng cho quả ít; cần người am hiểu chọn dòng, ghép
d: thay giống và bón phân để nâng sản lượng hạt.
duoc_lieu AGRI_FOREST 40105 40406 40403 | Phong Thổ; Sìn Hồ; Mường Tè; Tam Đường
s: cây dược liệu dưới tán rừng | black cardamom, cinnamon and medicinal plants under forest canopy
k: thảo quả; quế; cây dược liệu; dưới tán rừng; sinh kế vùng cao
a: phát triển {s} như thảo quả, quế; trồng thảo quả và {s} gắn với bảo vệ rừng
a: sơ chế và bảo quản {s}
q: Tìm người tư vấn trồng thảo quả, quế và cây thuốc xen rừng
d: Các xã vùng cao cần hướng dẫn canh tác thảo quả, quế và một số loài cây thuốc trong rừng
d: tự nhiên sao cho vừa có thu nhập vừa giữ rừng.
ca_lanh AGRI_FOREST 40504 40503 40502 | Tam Đường; Sìn Hồ; Phong Thổ
s: cá nước lạnh | cold-water fish farming (sturgeon and rainbow trout)
k: cá tầm; cá hồi vân; nuôi cá nước lạnh; bệnh thủy sản; suối vùng cao
a: nuôi thương phẩm {s} (cá tầm, cá hồi vân); phòng trị bệnh cho {s} nuôi trong bể
a: sản xuất giống {s} tại chỗ
q: Tư vấn phòng bệnh và nuôi cá tầm, cá hồi ở suối vùng cao
d: Cơ sở nuôi ở vùng nước lạnh cần chuyên gia thủy sản giúp giảm cá chết, quản lý dịch bệnh
d: và tự sản xuất con giống cá tầm, cá hồi vân.
lua_ngo AGRI_FOREST 40103 40601 40106 | Than Uyên; Tân Uyên; Phong Thổ; Sìn Hồ
s: lúa và ngô vùng cao | upland rice and maize varieties for terraced fields
k: lúa nương; ruộng bậc thang; giống lúa đặc sản; ngô lai; cánh đồng Mường Than
a: tuyển chọn giống {s} thích ứng biến đổi khí hậu; canh tác {s} trên ruộng bậc thang
a: phòng trừ sâu bệnh tổng hợp cho {s}
q: Đặt hàng chọn bộ giống lúa, ngô chịu hạn cho ruộng bậc thang
d: Cần nhóm chuyên gia khảo nghiệm và giới thiệu các giống lúa đặc sản, ngô chịu hạn, kèm cách
d: phòng sâu bệnh phù hợp với ruộng bậc thang.
cay_an_qua AGRI_FOREST 40104 40106 40107 | Tam Đường; Phong Thổ; Sìn Hồ; Thành phố Lai Châu
s: cây ăn quả ôn đới | temperate fruit trees (pear, plum, peach) in the highlands
k: cây ăn quả ôn đới; lê; mận; đào; ghép cải tạo
a: cải tạo vườn {s} bằng giống mới; thâm canh {s} và bảo quản quả sau thu hoạch
a: sản xuất {s} theo tiêu chuẩn VietGAP
q: Tư vấn thay giống và bảo quản sau thu hoạch cho vườn lê, mận, đào
d: Các hộ trồng mận, lê, đào muốn đổi sang giống cho quả to, đồng đều và cần cách bảo quản để
d: vận chuyển xa mà không hỏng.
rung AGRI_FOREST 40402 40403 40404 | Mường Tè; Nậm Nhùn; Sìn Hồ; *
s: rừng | forest protection and payments for forest environmental services
k: bảo vệ rừng; chi trả dịch vụ môi trường rừng; phòng cháy chữa cháy rừng; phục hồi rừng
a: quản lý và bảo vệ {s} dựa vào cộng đồng; chi trả dịch vụ môi trường {s} cho hộ nhận khoán
a: phòng cháy, chữa cháy {s} mùa khô; phục hồi {s} phòng hộ đầu nguồn
q: Đánh giá cơ chế trả tiền dịch vụ sinh thái cho người nhận khoán giữ rừng
d: Cần chuyên gia lâm nghiệp xem xét cách tính, chi tiền cho các hộ giữ rừng đầu nguồn và đề
d: xuất cách làm để cộng đồng cùng quản lý tài nguyên tốt hơn.
me_tre_em HEALTH 30202 30203 30312 | Mường Tè; Nậm Nhùn; Sìn Hồ; *
s: sức khỏe bà mẹ và trẻ em | maternal and child health care among ethnic minority women
k: sức khỏe bà mẹ trẻ em; chăm sóc trước sinh; sinh tại nhà; tử vong sơ sinh; cô đỡ thôn bản
a: nâng cao chất lượng chăm sóc {s} vùng dân tộc thiểu số
a: giảm tỷ lệ sinh tại nhà và cải thiện {s}; can thiệp cộng đồng cải thiện {s}
q: Chuyên gia sản nhi hỗ trợ giảm tai biến sản khoa ở bản xa
d: Ngành y tế tìm bác sĩ sản, nhi có kinh nghiệm cộng đồng để tập huấn cô đỡ thôn bản, vận
d: động phụ nữ khám thai và đến cơ sở y tế khi sinh con.
qe: Reducing home births and newborn deaths in remote villages
de: Looking for obstetrics and paediatrics experts to train village midwives and to encourage
de: antenatal check-ups and facility births among ethnic minority women.
dinh_duong HEALTH 30304 30203 30305 | Mường Tè; Phong Thổ; Sìn Hồ; *
s: suy dinh dưỡng ở trẻ em | child malnutrition and stunting
k: suy dinh dưỡng thấp còi; vi chất dinh dưỡng; dinh dưỡng học đường; trẻ dưới 5 tuổi
a: phòng chống {s} dưới 5 tuổi; can thiệp dinh dưỡng giảm {s} dân tộc thiểu số
a: cải thiện bữa ăn bán trú phòng {s}
q: Thiết kế chương trình giảm thấp còi cho trẻ nhỏ vùng cao
d: Cần người am hiểu dinh dưỡng cộng đồng xây dựng thực đơn, bổ sung vi chất và theo dõi cân
d: nặng, chiều cao của trẻ mầm non ở các xã khó khăn.
y_hoc_co_truyen HEALTH 30231 30403 30229 | Tam Đường; Phong Thổ; Thành phố Lai Châu; *
s: y học cổ truyền | traditional medicine of ethnic minority communities
k: y học cổ truyền; bài thuốc dân tộc; cây thuốc nam; thầy lang; kết hợp đông tây y
a: sưu tầm, đánh giá bài thuốc {s} của đồng bào dân tộc; bảo tồn tri thức {s} của người Dao
a: kết hợp {s} với y học hiện đại tại tuyến huyện
q: Kiểm chứng và lưu giữ các bài thuốc gia truyền của thầy lang
d: Bệnh viện muốn ghi chép, thẩm định tính an toàn và hiệu quả của những bài thuốc nam do thầy
d: lang người Dao, người Mông truyền lại.
benh_truyen_nhiem HEALTH 30308 30309 30306 | Mường Tè; Nậm Nhùn; Phong Thổ; *
s: bệnh truyền nhiễm | infectious disease surveillance (malaria, tuberculosis, measles)
k: bệnh truyền nhiễm; sốt rét; bệnh lao; tiêm chủng mở rộng; giám sát dịch tễ
a: giám sát và phòng chống {s} vùng biên giới; nâng cao tỷ lệ tiêm chủng phòng {s} cho trẻ em
a: kiểm soát {s} ở cộng đồng dân tộc thiểu số
q: Hỗ trợ giám sát dịch sốt rét, lao và sởi ở các xã biên giới
d: Trung tâm y tế cần chuyên gia dịch tễ giúp phát hiện sớm ổ dịch, tăng độ bao phủ vắc xin và
d: theo dõi bệnh nhân lao ở vùng giáp biên.
y_te_co_so HEALTH 30301 20605 30228 @2014 | *; Than Uyên; Tân Uyên; Sìn Hồ
s: khám chữa bệnh tuyến cơ sở | primary health care and telemedicine at district level
k: y tế cơ sở; khám chữa bệnh từ xa; trạm y tế xã; quản lý bệnh viện; bệnh không lây nhiễm
a: nâng cao năng lực {s}; ứng dụng y tế từ xa hỗ trợ {s}
a: quản lý bệnh không lây nhiễm trong {s}
q: Tư vấn triển khai hội chẩn từ xa giữa bệnh viện tỉnh và trạm y tế xã
d: Sở Y tế cần chuyên gia thiết kế mạng lưới tư vấn khám bệnh qua video, đào tạo nhân lực trạm
d: y tế và quản lý người bệnh tăng huyết áp, tiểu đường.
song_ngu EDUCATION 50301 50302 602 | Mường Tè; Sìn Hồ; Phong Thổ; Nậm Nhùn
s: tiếng Việt | mother-tongue based bilingual education for ethnic minority pupils
k: giáo dục song ngữ; tiếng Việt cho học sinh dân tộc thiểu số; tiền học đường; tiếng mẹ đẻ
a: dạy học song ngữ {s} – tiếng Mông cho học sinh tiểu học
a: tăng cường {s} cho trẻ mầm non người dân tộc thiểu số trước khi vào lớp 1
a: giáo dục song ngữ dựa trên tiếng mẹ đẻ nhằm nâng cao kỹ năng {s} của học sinh
q: Đặt hàng giải pháp giúp trẻ người Mông, Hà Nhì học tốt tiếng phổ thông từ mầm non
d: Ngành giáo dục cần chuyên gia ngôn ngữ và sư phạm thiết kế chương trình dùng tiếng mẹ đẻ
d: làm cầu nối, giúp trẻ vùng cao theo kịp bạn bè khi lên lớp 1.
noi_tru EDUCATION 50301 50101 50399 | *; Mường Tè; Tam Đường; Than Uyên
s: trường phổ thông dân tộc nội trú | boarding schools for ethnic minority students
k: trường phổ thông dân tộc nội trú; bán trú; kỹ năng sống; tâm lý học đường
a: nâng cao chất lượng giáo dục tại các {s}; giáo dục kỹ năng sống cho học sinh {s}
a: tổ chức nuôi dưỡng và quản lý học sinh trong {s}
q: Tư vấn chăm sóc tâm lý và kỹ năng sống cho học sinh ở ký túc xá vùng cao
d: Nhà trường cần chuyên gia tâm lý, giáo dục giúp xây dựng nề nếp sinh hoạt nội trú, hỗ trợ
d: các em xa nhà và giảm bỏ học.
giao_vien EDUCATION 50301 50399 602 | *; Sìn Hồ; Mường Tè; Nậm Nhùn
s: giáo viên tiếng Anh, tin học, âm nhạc và mỹ thuật | shortage of English, informatics and arts teachers
k: thiếu giáo viên; dạy tiếng Anh; tin học; âm nhạc và mỹ thuật; bồi dưỡng giáo viên
a: giải quyết tình trạng thiếu {s}; đào tạo, thu hút {s} về vùng cao
a: bồi dưỡng {s} đáp ứng chương trình giáo dục phổ thông mới
q: Kế hoạch bù đắp thiếu hụt người dạy ngoại ngữ, tin, nhạc, họa
d: Tỉnh thiếu người dạy Anh văn, tin học và các môn nghệ thuật ở trường phổ thông; cần đề xuất
d: đào tạo lại, dạy liên trường và chính sách thu hút.
cds_giao_duc EDUCATION 50301 50399 @2019 | *; Thành phố Lai Châu; Tân Uyên
s: chuyển đổi số trong giáo dục | digital transformation in schools
k: chuyển đổi số trong giáo dục; học trực tuyến; học liệu số; kỹ năng số; quản trị nhà trường
a: thực hiện {s} phổ thông; xây dựng học liệu số phục vụ {s}
a: nâng cao kỹ năng số của giáo viên trong {s}
q: Xây dựng kho bài giảng điện tử và lớp học kết nối cho trường vùng khó
d: Sở Giáo dục cần tư vấn hạ tầng dạy học qua mạng, số hóa tài liệu và tập huấn thầy cô sử dụng
d: công nghệ trong giờ lên lớp.
day_nghe EDUCATION 50301 50399 | *; Than Uyên; Tân Uyên; Tam Đường
s: đào tạo nghề | vocational training for rural ethnic minority youth
k: đào tạo nghề; lao động nông thôn; giáo dục nghề nghiệp; việc làm thanh niên; hướng nghiệp
a: nâng cao hiệu quả {s} cho lao động nông thôn; phân luồng, hướng nghiệp và {s} sau THCS
a: gắn {s} với giải quyết việc làm cho thanh niên dân tộc thiểu số
q: Tư vấn chương trình học nghề ngắn hạn gắn với việc làm cho thanh niên bản
d: Cần chuyên gia giáo dục nghề nghiệp khảo sát nhu cầu doanh nghiệp, thiết kế khóa học ngắn và
d: định hướng nghề cho học sinh sau lớp 9.
du_lich CULTURE 50401 50404 604 | Phong Thổ; Tam Đường; Sìn Hồ; Than Uyên
s: du lịch cộng đồng | community-based tourism in ethnic villages
k: du lịch cộng đồng; Sin Suối Hồ; homestay; bản văn hóa; sản phẩm du lịch
a: phát triển {s} gắn với bảo tồn bản văn hóa; xây dựng sản phẩm {s} đặc trưng
a: nâng cao chất lượng dịch vụ homestay trong {s}
q: Cần tư vấn thiết kế tour trải nghiệm bản Mông và đào tạo chủ nhà nghỉ
d: Địa phương muốn có chuyên gia giúp hình thành sản phẩm khám phá làng bản, dạy người dân đón
d: khách lưu trú và giữ gìn nét sinh hoạt truyền thống.
van_hoa CULTURE 50404 604 601 | *; Phong Thổ; Mường Tè; Sìn Hồ
s: lễ hội và trang phục truyền thống | ethnic festivals, costumes and brocade weaving
k: lễ hội truyền thống; trang phục dân tộc; thổ cẩm; di sản văn hóa phi vật thể
a: bảo tồn và phát huy giá trị {s} của các dân tộc; sưu tầm, phục dựng {s} của người Hà Nhì
a: phát triển nghề dệt thổ cẩm gắn với {s}
q: Phục dựng nghi lễ và lưu giữ hoa văn trang phục của đồng bào
d: Ngành văn hóa cần nhà dân tộc học tư liệu hóa các nghi thức cổ truyền, hoa văn trên váy áo
d: và đề xuất cách trao truyền cho lớp trẻ.
am_nhac CULTURE 604 50404 | *; Than Uyên; Tam Đường; Mường Tè
s: dân ca, dân vũ và nhạc cụ dân tộc | folk songs, dances and musical instruments
k: dân ca Thái; múa xòe; nhạc cụ dân tộc; nghệ thuật trình diễn; bảo tồn âm nhạc
a: sưu tầm và bảo tồn {s}; đưa {s} vào trường học; phát huy {s} phục vụ du lịch
q: Ghi âm, ký âm và truyền dạy làn điệu cổ, điệu xòe cho thế hệ trẻ
d: Cần chuyên gia âm nhạc học phối hợp nghệ nhân ghi chép các bài hát, điệu múa và cách chế tác
d: đàn, khèn trước khi bị mai một.
ngon_ngu CULTURE 602 50404 50403 | *; Mường Tè; Sìn Hồ; Phong Thổ
s: ngôn ngữ và chữ viết dân tộc | ethnic minority languages and scripts
k: chữ Thái cổ; tiếng Mông; bảo tồn ngôn ngữ; từ điển dân tộc; tiếng Hà Nhì
a: bảo tồn {s} thiểu số; biên soạn tài liệu dạy {s} cho cán bộ
a: số hóa thư tịch cổ và tư liệu {s}
q: Biên soạn giáo trình tiếng Thái, tiếng Mông cho công chức
d: Tỉnh cần chuyên gia ngôn ngữ học soạn sách học, từ vựng giao tiếp và số hóa các văn bản chữ
d: Thái cổ để cán bộ làm việc với người dân.
can_bo_co_so CULTURE 50602 50603 50501 | *; Nậm Nhùn; Mường Tè; Sìn Hồ
s: đội ngũ cán bộ cơ sở | grassroots officials from ethnic minority groups
k: cán bộ người dân tộc thiểu số; chính quyền cơ sở; cải cách hành chính; phổ biến pháp luật
a: nâng cao năng lực {s} người dân tộc thiểu số; đào tạo, bồi dưỡng {s} vùng biên giới
a: phổ biến, giáo dục pháp luật thông qua {s}
q: Tập huấn quản lý hành chính và tuyên truyền pháp luật cho công chức xã
d: Cần giảng viên về hành chính công, luật học giúp công chức cấp xã người bản địa nâng kỹ năng
d: điều hành và hướng dẫn pháp luật cho dân.
sat_lo INFRA 20106 20701 10504 10513 | Mường Tè; Sìn Hồ; Nậm Nhùn; Phong Thổ
s: sạt lở đất và lũ quét | landslide and flash-flood hazard assessment
k: sạt lở đất; lũ quét; cảnh báo thiên tai; địa chất công trình; bản đồ nguy cơ
a: đánh giá nguy cơ {s}; cảnh báo sớm {s} cho khu dân cư; xử lý {s} dọc tuyến giao thông
q: Lập bản đồ vùng nguy hiểm và hệ thống báo động sớm thiên tai cho bản
d: Cần chuyên gia địa chất, thủy văn xác định những sườn dốc dễ trượt, suối dễ có lũ ống và lắp
d: thiết bị báo cho dân sơ tán kịp thời.
qe: Early warning of landslides and flash floods for mountain villages
de: The province needs geologists and hydrologists to map unstable slopes and flash-flood prone
de: streams and to set up a village-level warning system.
tai_dinh_cu INFRA 50701 50702 20105 | Nậm Nhùn; Mường Tè; Sìn Hồ; Than Uyên
s: tái định cư thủy điện | hydropower resettlement and livelihoods on the Da river
k: thủy điện Lai Châu; tái định cư; sinh kế; hồ chứa; Bản Chát; Huội Quảng
a: ổn định sinh kế cho người dân vùng {s}; đánh giá tác động xã hội của {s}
a: khai thác bền vững lòng hồ phục vụ {s}
q: Đề xuất sinh kế bền vững cho các hộ di dời ven hồ thủy điện sông Đà
d: Nhiều hộ phải chuyển chỗ ở khi xây hồ Lai Châu, Bản Chát, Huội Quảng; cần chuyên gia đánh
d: giá đời sống và gợi ý nghề mới như nuôi cá lồng trên hồ.
giao_thong INFRA 20104 20102 50704 | *; Mường Tè; Sìn Hồ; Nậm Nhùn
s: đường giao thông nông thôn | rural roads in mountainous terrain
k: giao thông nông thôn; đường miền núi; kết cấu mặt đường; bảo trì đường; vật liệu địa phương
a: ứng dụng vật liệu địa phương xây dựng {s}; bảo trì {s} vùng núi cao
a: quy hoạch mạng lưới {s} gắn với nông thôn mới
q: Tư vấn kết cấu mặt đường bền, rẻ cho tuyến liên bản đi lại mùa mưa
d: Huyện cần kỹ sư cầu đường đề xuất loại mặt đường dùng đá, cát tại chỗ, chịu được mưa lớn và
d: dễ duy tu cho các tuyến vào bản.
nuoc_sach INFRA 20105 10513 20701 | *; Tam Đường; Phong Thổ; Sìn Hồ
s: nước sinh hoạt và thủy lợi nhỏ | rural water supply and small-scale irrigation
k: nước sinh hoạt; thủy lợi nhỏ; nước sạch nông thôn; công trình cấp nước; tài nguyên nước
a: quản lý, vận hành công trình {s} dựa vào cộng đồng; khai thác bền vững nguồn {s}
a: bảo đảm {s} cho vùng khan hiếm nước
q: Giải pháp đưa nước về bản khô hạn và giữ công trình hoạt động lâu dài
d: Xã vùng cao thiếu nước mùa khô; cần chuyên gia thủy lợi, cấp nước tìm nguồn, thiết kế bể
d: chứa và cách để tổ cộng đồng tự quản lý.
dat_hiem INDUSTRY 20503 20404 20499 | Tam Đường; Phong Thổ
s: quặng đất hiếm | rare-earth ore processing at the Dong Pao deposit
k: đất hiếm; mỏ Đông Pao; tuyển quặng; luyện kim màu; môi trường khai khoáng
a: tuyển và chế biến sâu {s} mỏ Đông Pao; xử lý chất thải từ chế biến {s}
a: đánh giá trữ lượng và giá trị kinh tế {s}
q: Tư vấn công nghệ tách và làm giàu khoáng sản đất hiếm ít gây ô nhiễm
d: Doanh nghiệp cần chuyên gia luyện kim, hóa học đánh giá quy trình tuyển khoáng ở Tam Đường,
d: giảm bùn thải và nâng hàm lượng sản phẩm.
ocop INDUSTRY 50202 50201 20901 @2018 | *; Tân Uyên; Tam Đường; Than Uyên
s: sản phẩm OCOP | value chains and OCOP products from local agriculture
k: OCOP; chuỗi giá trị; chế biến sâu; thương mại điện tử; nhãn hàng nông sản
a: phát triển chuỗi giá trị {s}; nâng hạng {s} của hợp tác xã
a: chế biến và tiêu thụ {s} qua thương mại điện tử
q: Hỗ trợ hợp tác xã hoàn thiện bao bì, tiêu chuẩn để nâng sao sản phẩm
d: Cần chuyên gia kinh doanh, chế biến giúp các hợp tác xã cải tiến công thức, bao gói, tính giá
d: thành và đưa hàng đặc sản lên sàn bán trực tuyến.
nang_luong INDUSTRY 20313 20301 50201 | Nậm Nhùn; Mường Tè; Sìn Hồ; Than Uyên
s: thủy điện nhỏ và năng lượng tái tạo | small hydropower and renewable energy
k: thủy điện nhỏ; năng lượng tái tạo; điện mặt trời; vận hành nhà máy; an toàn đập
a: đánh giá tiềm năng {s} khu vực vùng cao; vận hành an toàn các công trình {s}
a: cung cấp điện từ {s} cho bản chưa có lưới điện
q: Tư vấn điện mặt trời, thủy điện mini cho bản ngoài lưới điện quốc gia
d: Một số bản xa chưa kéo được điện lưới; cần kỹ sư năng lượng khảo sát dòng suối, nắng và đề
d: xuất nguồn điện độc lập an toàn, dễ bảo dưỡng.
da_dang_sinh_hoc SCITECH 10615 10611 10614 | Mường Tè; Sìn Hồ; Tam Đường; Nậm Nhùn
s: đa dạng sinh học | biodiversity and rare plant species
k: đa dạng sinh học; thực vật quý hiếm; Khu bảo tồn Mường Tè; Hoàng Liên Sơn; sách đỏ
a: điều tra {s} tại khu bảo tồn; bảo tồn {s} và loài thực vật quý hiếm
a: xây dựng cơ sở dữ liệu {s}
q: Kiểm kê loài cây, con quý hiếm ở khu rừng đặc dụng phía tây tỉnh
d: Cần nhà sinh học, thực vật học khảo sát thực địa, lập danh lục loài có tên trong sách đỏ và
d: đề xuất vùng ưu tiên bảo vệ.
moi_truong SCITECH 10509 10407 10513 | Tam Đường; Nậm Nhùn; Phong Thổ; *
s: chất lượng môi trường | environmental monitoring of water and soil
k: quan trắc môi trường; chất lượng nước; kim loại nặng; môi trường khai khoáng; phân tích mẫu
a: quan trắc {s} nước mặt; xây dựng mạng lưới giám sát {s}
a: đánh giá ô nhiễm kim loại nặng và {s} quanh khu khai khoáng
q: Kiểm tra mức nhiễm bẩn nguồn nước, đất gần mỏ và bãi thải
d: Cần chuyên gia hóa phân tích, khoa học môi trường lấy mẫu nước suối, đất ruộng quanh điểm
d: khai thác khoáng sản và đánh giá rủi ro cho dân.
so_huu_tri_tue SCITECH 299 10202 | *; Tân Uyên; Tam Đường
s: nhãn hiệu tập thể và truy xuất nguồn gốc | collective trademarks and traceability of specialities
k: nhãn hiệu tập thể; chỉ dẫn địa lý; truy xuất nguồn gốc; sở hữu trí tuệ; mã QR
a: xác lập, quản lý {s} cho đặc sản; ứng dụng tem điện tử phục vụ {s}
a: phát triển tài sản trí tuệ thông qua {s}
q: Đăng ký bảo hộ thương hiệu và gắn mã QR cho nông sản đặc trưng
d: Cần chuyên gia sở hữu trí tuệ làm hồ sơ bảo hộ tên gọi xuất xứ cho chè, sâm, gạo đặc sản và
d: dựng hệ thống tra cứu lô hàng bằng điện thoại.
chinh_quyen_so DIGITAL 10201 10202 20204 @2016 | *; Thành phố Lai Châu
s: chính quyền số | e-government and online public services
k: chính quyền điện tử; dịch vụ công trực tuyến; chuyển đổi số; an toàn thông tin; một cửa
a: xây dựng {s} cấp tỉnh; bảo đảm an toàn thông tin cho {s}
a: nâng cao tỷ lệ sử dụng dịch vụ công trực tuyến trong {s}
q: Tư vấn kiến trúc hệ thống số hóa thủ tục hành chính cấp xã
d: Văn phòng UBND cần chuyên gia công nghệ thông tin giúp kết nối phần mềm một cửa, số hóa hồ
d: sơ và hướng dẫn người dân nộp giấy tờ qua mạng.
qe: Advice on digitising commune-level administrative procedures
de: The provincial office seeks IT experts to connect one-stop-shop software, digitise records
de: and help citizens file applications online securely.
du_lieu_so DIGITAL 10201 10299 50802 @2018 | *; Thành phố Lai Châu; Tân Uyên
s: cơ sở dữ liệu số | provincial open data and digital databases
k: cơ sở dữ liệu; dữ liệu mở; bản đồ số; nền tảng số; thông tin khoa học
a: xây dựng {s} chuyên ngành; tích hợp và chia sẻ {s} giữa các sở, ngành
a: ứng dụng {s} phục vụ quản lý nông nghiệp
q: Thiết kế kho dữ liệu dùng chung và bản đồ trực tuyến cho các sở, ngành
d: Tỉnh cần chuyên gia tin học xây dựng nền tảng lưu trữ, liên thông thông tin giữa các cơ quan
d: và hiển thị số liệu trên bản đồ web.
"""

# Per sector: "g:" a goal sentence for abstracts, "v:"/"e:" Vietnamese and English venues.
_SECTORS = """
AGRI_FOREST
g: Kết quả góp phần nâng cao thu nhập cho người dân vùng cao và phát triển sản xuất hàng hóa.
v: Tạp chí Khoa học Nông nghiệp Việt Nam; Tạp chí Nông nghiệp và Phát triển nông thôn
v: Tạp chí Khoa học và Công nghệ Lâm nghiệp; Tạp chí Khoa học và Công nghệ Đại học Thái Nguyên
e: Vietnam Journal of Agricultural Sciences; Forests; Agroforestry Systems
HEALTH
g: Kết quả góp phần nâng cao chất lượng chăm sóc sức khỏe cho người dân vùng sâu, vùng xa.
v: Tạp chí Y học Việt Nam; Tạp chí Y học cộng đồng; Tạp chí Y học dự phòng; Tạp chí Dược liệu
e: BMC Public Health; Asia Pacific Journal of Public Health; Journal of Ethnopharmacology
EDUCATION
g: Kết quả góp phần nâng cao chất lượng giáo dục cho học sinh vùng dân tộc thiểu số.
v: Tạp chí Khoa học Giáo dục Việt Nam; Tạp chí Giáo dục; Tạp chí Thiết bị Giáo dục
v: Tạp chí Khoa học Đại học Tây Bắc
e: Vietnam Journal of Education; Education Sciences
CULTURE
g: Kết quả góp phần bảo tồn bản sắc văn hóa các dân tộc và củng cố hệ thống chính trị cơ sở.
v: Tạp chí Dân tộc học; Tạp chí Văn hóa Nghệ thuật; Tạp chí Nghiên cứu Văn hóa
v: Tạp chí Quản lý Nhà nước
e: Journal of Vietnamese Studies; Asian Ethnicity
INFRA
g: Kết quả phục vụ quy hoạch, phòng chống thiên tai và phát triển hạ tầng bền vững.
v: Tạp chí Khoa học Kỹ thuật Thủy lợi và Môi trường; Tạp chí Các Khoa học về Trái đất
v: Tạp chí Xây dựng; Tạp chí Khoa học Kỹ thuật Mỏ - Địa chất
e: Vietnam Journal of Earth Sciences; Landslides; Natural Hazards
INDUSTRY
g: Kết quả góp phần phát triển công nghiệp chế biến và nâng cao giá trị tài nguyên của tỉnh.
v: Tạp chí Công Thương; Tạp chí Kinh tế và Dự báo; Tạp chí Hóa học
e: Minerals Engineering; Journal of Rare Earths; Energy Reports
SCITECH
g: Kết quả cung cấp cơ sở khoa học cho quản lý tài nguyên và ứng dụng khoa học công nghệ.
v: Tạp chí Sinh học; Tạp chí Khoa học và Công nghệ Việt Nam; Tạp chí Phân tích Hóa, Lý và Sinh học
e: Academia Journal of Biology; Environmental Monitoring and Assessment
DIGITAL
g: Kết quả góp phần thúc đẩy chuyển đổi số và cải cách hành chính của tỉnh.
v: Tạp chí Thông tin và Truyền thông; Tạp chí Khoa học và Công nghệ Đại học Thái Nguyên
e: Journal of Computer Science and Cybernetics; Government Information Quarterly
"""

WHOLE_PROVINCE = "*"
_LIST_KEYS = ("k", "a", "v", "e")


def _blocks(text: str) -> list[tuple[str, dict[str, str]]]:
    blocks: list[tuple[str, dict[str, str]]] = []
    for line in text.strip().splitlines():
        key, sep, value = line.partition(": ")
        if not sep or " " in key:
            blocks.append((line, {}))
            continue
        parts = blocks[-1][1]
        joiner = "; " if key in _LIST_KEYS else " "
        parts[key] = f"{parts[key]}{joiner}{value}" if key in parts else value
    return blocks


@dataclass(frozen=True)
class Theme:
    key: str
    sector: str
    fields: tuple[str, ...]
    places: tuple[str, ...]  # district names, or "*" for the whole province
    subject: str
    subject_en: str
    topics: tuple[str, ...]
    activities: tuple[str, ...]
    request: tuple[str, str]
    request_en: tuple[str, str] | None
    since: int  # no project or paper on the theme before this year

    def activity(self, rng: random.Random) -> str:
        return rng.choice(self.activities).format(s=self.subject)


def _theme(head: str, parts: dict[str, str]) -> Theme:
    codes, _, places = head.partition(" | ")
    key, sector, *fields = codes.split()
    since = int(fields.pop()[1:]) if fields[-1].startswith("@") else 0
    subject, _, subject_en = parts["s"].partition(" | ")
    english = (parts["qe"], parts["de"]) if "qe" in parts else None
    return Theme(
        key,
        sector,
        tuple(fields),
        tuple(places.split("; ")),
        subject,
        subject_en,
        tuple(parts["k"].split("; ")),
        tuple(parts["a"].split("; ")),
        (parts["q"], parts["d"]),
        english,
        since,
    )


THEMES: tuple[Theme, ...] = tuple(_theme(head, parts) for head, parts in _blocks(_THEMES))
THEME_BY_KEY: dict[str, Theme] = {t.key: t for t in THEMES}
_SECTOR_PARTS = dict(_blocks(_SECTORS))
SECTOR_GOAL = {s: p["g"] for s, p in _SECTOR_PARTS.items()}
VENUES_VI = {s: tuple(p["v"].split("; ")) for s, p in _SECTOR_PARTS.items()}
VENUES_EN = {s: tuple(p["e"].split("; ")) for s, p in _SECTOR_PARTS.items()}
LOCAL_PROCEEDINGS = "Kỷ yếu Hội thảo khoa học tỉnh Lai Châu"

_OPENERS = {
    "research": (
        "Nghiên cứu {a}",
        "Nghiên cứu giải pháp {a}",
        "Đánh giá thực trạng và đề xuất giải pháp {a}",
        "Điều tra, đánh giá và đề xuất giải pháp nâng cao hiệu quả {a}",
    ),
    "project": (
        "Ứng dụng tiến bộ khoa học và công nghệ trong {a}",
        "Xây dựng mô hình {a}",
        "Ứng dụng khoa học công nghệ xây dựng mô hình {a}",
    ),
    "task": ("Nghiên cứu {a}", "Nghiên cứu cơ sở khoa học và giải pháp {a}"),
}
_PAPER_OPENERS = (
    "Kết quả bước đầu {a}",
    "Thực trạng {a}",
    "Đánh giá hiệu quả {a}",
    "Một số yếu tố ảnh hưởng đến {a}",
    "Nghiên cứu {a}",
    "Bàn về {a}",
)
_PAPER_OPENERS_EN = (
    "An assessment of {a}",
    "Current status and prospects of {a}",
    "Factors influencing {a}",
    "Community-based approaches to {a}",
    "Lessons from {a}",
    "Improving {a}",
)
_KIND_WORD = {"research": "Đề tài", "project": "Dự án", "task": "Nhiệm vụ"}


def place_vi(place: str) -> str:
    if place == WHOLE_PROVINCE:
        return " trên địa bàn tỉnh Lai Châu"
    if place.startswith("Thành phố"):
        return " tại thành phố Lai Châu"
    return f" tại huyện {place}, tỉnh Lai Châu"


def place_en(place: str) -> str:
    if place == WHOLE_PROVINCE or place.startswith("Thành phố"):
        return " in Lai Chau province, Vietnam"
    return f" in {ascii_fold(place)} district, Lai Chau province"


def project_text(rng: random.Random, theme: Theme, kind: str, place: str) -> tuple[str, str]:
    """A project title and a two- or three-sentence abstract."""
    activity = theme.activity(rng)
    title = rng.choice(_OPENERS[kind]).format(a=activity) + place_vi(place)
    sentences = [f"{_KIND_WORD[kind]} tập trung vào {activity}{place_vi(place)}.", SECTOR_GOAL[theme.sector]]
    if rng.random() < 0.6:
        outputs = (
            "quy trình kỹ thuật, báo cáo khoa học và bài báo công bố"
            if kind != "project"
            else "mô hình trình diễn và tài liệu chuyển giao cho người dân"
        )
        sentences.append(f"Sản phẩm chính gồm {outputs}.")
    return title, " ".join(sentences)


def paper_title(rng: random.Random, theme: Theme, place: str, english: bool) -> str:
    if english:
        text = rng.choice(_PAPER_OPENERS_EN).format(a=theme.subject_en) + place_en(place)
        return text[0].upper() + text[1:]
    suffix = place_vi(place) if rng.random() < 0.7 else ""
    return rng.choice(_PAPER_OPENERS).format(a=theme.activity(rng)) + suffix
