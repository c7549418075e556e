"""Hand-written demo articles for the Hương An town portal (fictional events, Vietnamese text)."""

DEMO_ARTICLES: list[dict] = [
    {
        "title": "Thông báo kế hoạch tiêm chủng mở rộng định kỳ tháng {month:+6} tại Trạm Y tế thị trấn Hương An",
        "lead": (
            "Trạm Y tế thị trấn Hương An thông báo lịch tiêm chủng mở rộng định kỳ tháng {month:+6} cho trẻ em dưới "
            "5 tuổi và phụ nữ có thai trên địa bàn, đề nghị phụ huynh đưa trẻ đi tiêm đúng lịch, đủ mũi."
        ),
        "body": [
            (
                "Buổi tiêm chủng được tổ chức vào các ngày {day:+6} và {day:+7} tại Trạm Y tế thị trấn Hương An, thời "
                "gian buổi sáng từ 7 giờ 30 đến 10 giờ 30, buổi chiều từ 13 giờ 30 đến 16 giờ. Ngày {day:+6} "
                "dành cho trẻ thuộc các khu phố Trung Phước, Đông Hương, Xuân Phú, An Hòa; ngày {day:+7} dành "
                "cho trẻ thuộc các khu phố Phước Hạ, Tân Phú, Tây An và Nam Sơn."
            ),
            (
                "Các loại vắc xin được sử dụng gồm vắc xin phòng bệnh lao, viêm gan B, bạch hầu, ho gà, uốn "
                "ván, bại liệt, viêm phổi và viêm màng não do vi khuẩn Hib, sởi, rubella, viêm não Nhật Bản "
                "theo lịch tiêm chủng mở rộng. Phụ nữ có thai được tiêm vắc xin phòng uốn ván theo chỉ định "
                "của cán bộ y tế. Tất cả các loại vắc xin trong chương trình tiêm chủng mở rộng đều được "
                "cung cấp miễn phí."
            ),
            (
                "Khi đưa trẻ đi tiêm, phụ huynh cần mang theo sổ hoặc phiếu tiêm chủng, thông báo cho cán bộ "
                "y tế tình trạng sức khỏe hiện tại của trẻ, tiền sử dị ứng hoặc phản ứng sau các lần tiêm "
                "trước. Sau khi tiêm, trẻ phải được theo dõi tại trạm ít nhất 30 phút và tiếp tục được gia "
                "đình theo dõi tại nhà trong 24 giờ."
            ),
            (
                "Nếu trẻ có các biểu hiện bất thường như sốt cao, quấy khóc kéo dài, phát ban, khó thở, tím "
                "tái, gia đình cần đưa trẻ đến ngay cơ sở y tế gần nhất để được xử trí kịp thời. Mọi thông "
                "tin chi tiết, phụ huynh vui lòng liên hệ cộng tác viên dân số tại các khu phố hoặc trực "
                "tiếp Trạm Y tế thị trấn trong giờ hành chính."
            ),
        ],
        "caption": "Phụ huynh đưa trẻ đến tiêm chủng tại Trạm Y tế thị trấn.",
        "byline": "Thu Hà",
        "source": "Trạm Y tế thị trấn Hương An",
        "category": "thong-bao",
        "tags": ["y tế", "tiêm chủng"],
        "featured": False,
        "days_ago": 0,
        "picture": 5,
    },
    {
        "title": "Thông báo lấy ý kiến nhân dân về đồ án quy hoạch chi tiết khu dân cư trung tâm thị trấn Hương An",
        "lead": (
            "UBND thị trấn Hương An thông báo lấy ý kiến cơ quan, tổ chức, cộng đồng dân cư và cá nhân có "
            "liên quan về đồ án quy hoạch chi tiết xây dựng tỷ lệ 1/500 khu dân cư trung tâm thị trấn."
        ),
        "body": [
            (
                "Thực hiện quy định của pháp luật về quy hoạch, nhằm bảo đảm tính công khai, minh bạch và "
                "phát huy quyền làm chủ của nhân dân, UBND thị trấn Hương An tổ chức lấy ý kiến về đồ án quy "
                "hoạch chi tiết khu dân cư trung tâm thị trấn. Khu vực lập quy hoạch có diện tích khoảng 12 "
                "ha, thuộc địa bàn các khu phố Trung Phước và Đông Hương."
            ),
            (
                "Nội dung lấy ý kiến gồm: ranh giới, phạm vi lập quy hoạch; phương án tổ chức không gian, "
                "kiến trúc cảnh quan; quy hoạch sử dụng đất, chỉ tiêu sử dụng đất đối với từng lô đất; hệ "
                "thống hạ tầng kỹ thuật như giao thông, cấp nước, thoát nước, cấp điện, chiếu sáng; phương "
                "án bảo vệ môi trường và các vấn đề khác có liên quan."
            ),
            (
                "Hồ sơ đồ án được niêm yết công khai tại trụ sở UBND thị trấn, nhà văn hóa các khu phố Trung "
                "Phước, Đông Hương và đăng tải trên Cổng thông tin điện tử của thị trấn. Thời gian lấy ý "
                "kiến là 30 ngày kể từ ngày đăng thông báo. Trong thời gian này, người dân có thể trực tiếp "
                "đến xem hồ sơ trong giờ hành chính và được công chức địa chính - xây dựng giải thích, hướng "
                "dẫn."
            ),
            (
                "Ý kiến góp ý có thể ghi vào phiếu góp ý đặt tại các điểm niêm yết, gửi văn bản qua đường "
                "bưu điện hoặc trực tiếp đến Văn phòng UBND thị trấn, hoặc gửi qua hộp thư điện tử của UBND "
                "thị trấn. Toàn bộ ý kiến sẽ được tổng hợp, tiếp thu, giải trình đầy đủ trước khi trình cấp "
                "có thẩm quyền xem xét, phê duyệt. UBND thị trấn rất mong nhận được sự quan tâm, đóng góp "
                "của nhân dân."
            ),
        ],
        "caption": "Hồ sơ đồ án quy hoạch được niêm yết tại trụ sở UBND thị trấn.",
        "byline": "Thanh Tâm",
        "source": "UBND thị trấn Hương An",
        "category": "thong-bao",
        "tags": ["quy hoạch", "hạ tầng"],
        "featured": False,
        "days_ago": 1,
        "picture": 7,
    },
    {
        "title": "Thông báo tạm dừng cấp nước để sửa chữa, bảo dưỡng tuyến ống chính trên địa bàn thị trấn Hương An",
        "lead": (
            "Để phục vụ công tác sửa chữa, đấu nối và bảo dưỡng tuyến ống cấp nước chính, đơn vị cấp nước "
            "thông báo tạm dừng cung cấp nước sạch tại một số khu phố của thị trấn Hương An trong ngày {day:+4}."
        ),
        "body": [
            (
                "Theo thông báo, thời gian tạm dừng cấp nước từ 7 giờ 00 đến 17 giờ 00 ngày {day:+4}. Khu vực "
                "bị ảnh hưởng gồm các hộ dân, cơ quan, đơn vị thuộc khu phố Trung Phước, Đông Hương, Xuân "
                "Phú và một phần khu phố An Hòa dọc tuyến đường trung tâm thị trấn. Các khu vực khác vẫn "
                "được cấp nước bình thường, tuy nhiên áp lực nước có thể yếu hơn."
            ),
            (
                "Nội dung thi công gồm thay thế đoạn ống gang cũ đã xuống cấp, lắp đặt van chặn phân vùng và "
                "đấu nối tuyến ống phân phối mới phục vụ khu dân cư phía Đông thị trấn. Sau khi hoàn thành, "
                "hệ thống sẽ giảm tình trạng rò rỉ, thất thoát nước và bảo đảm áp lực cấp nước ổn định hơn "
                "cho các hộ dân ở cuối tuyến, nhất là vào giờ cao điểm buổi sáng và buổi chiều."
            ),
            (
                "Đơn vị cấp nước đề nghị các hộ dân, cơ quan, trường học, cơ sở kinh doanh trong khu vực bị "
                "ảnh hưởng chủ động dự trữ nước để phục vụ sinh hoạt và sản xuất trong thời gian tạm dừng. "
                "Sau khi cấp nước trở lại, nước có thể bị đục trong thời gian ngắn; người dân nên mở vòi xả "
                "một lúc cho đến khi nước trong rồi mới sử dụng."
            ),
            (
                "Trong trường hợp thi công hoàn thành sớm, việc cấp nước sẽ được khôi phục trước thời gian "
                "dự kiến. Mọi thắc mắc, phản ánh về chất lượng nước sau thời gian sửa chữa, người dân vui "
                "lòng liên hệ số điện thoại đường dây nóng được niêm yết tại trụ sở UBND thị trấn và nhà văn "
                "hóa các khu phố. Rất mong nhận được sự thông cảm của quý khách hàng."
            ),
        ],
        "caption": "Công nhân thi công thay thế tuyến ống cấp nước.",
        "byline": "Văn Hùng",
        "source": "",
        "category": "thong-bao",
        "tags": ["hạ tầng", "cấp nước"],
        "featured": False,
        "days_ago": 2,
        "picture": 6,
    },
    {
        "title": "Sở Thông tin và Truyền thông làm việc với thị trấn Hương An về chuyển đổi số",
        "lead": (
            "Sáng ngày {day:-1}, đoàn công tác của Sở Thông tin và Truyền thông tỉnh Quảng Nam đã có buổi làm "
            "việc với UBND thị trấn Hương An về tình hình triển khai chuyển đổi số, xây dựng chính quyền số "
            "tại địa phương."
        ),
        "body": [
            (
                "Đoàn công tác do ông Huỳnh Ngọc Bảo, Phó Giám đốc Sở Thông tin và Truyền thông, làm trưởng "
                "đoàn. Tiếp và làm việc với đoàn có ông Nguyễn Văn Thành, Chủ tịch UBND thị trấn Hương An, "
                "cùng đại diện Phòng Văn hóa và Thông tin huyện Quế Sơn, công chức văn phòng - thống kê và "
                "các thành viên Ban Chỉ đạo chuyển đổi số thị trấn."
            ),
            (
                "Báo cáo tại buổi làm việc, UBND thị trấn cho biết đến nay 100% cán bộ, công chức đã được "
                "cấp tài khoản và sử dụng thành thạo hệ thống quản lý văn bản và điều hành. Tỷ lệ văn bản đi "
                "được ký số đạt trên 95%; tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận trực tuyến toàn "
                "trình tăng rõ rệt so với cùng kỳ. Thị trấn đã thành lập 8 Tổ công nghệ số cộng đồng tại các "
                "khu phố với gần 60 thành viên, trực tiếp hướng dẫn người dân cài đặt, sử dụng các ứng dụng "
                "dịch vụ công."
            ),
            (
                "Bên cạnh kết quả đạt được, địa phương cũng thẳng thắn chỉ ra một số khó khăn như hạ tầng "
                "mạng tại một vài khu vực ven sông còn chập chờn, trang thiết bị tại Bộ phận Một cửa đã "
                "xuống cấp, một bộ phận người cao tuổi còn ngại thực hiện giao dịch qua môi trường mạng. Thị "
                "trấn kiến nghị Sở quan tâm hỗ trợ đào tạo chuyên sâu về an toàn thông tin và bổ sung thiết "
                "bị cho các điểm phục vụ người dân."
            ),
            (
                "Phát biểu kết luận, ông Huỳnh Ngọc Bảo ghi nhận sự vào cuộc tích cực của chính quyền thị "
                "trấn trong thời gian qua. Ông đề nghị địa phương tiếp tục đẩy mạnh tuyên truyền để người "
                "dân hiểu rõ lợi ích của chuyển đổi số, chú trọng phát triển thanh toán không dùng tiền mặt "
                "tại chợ, trường học, trạm y tế; đồng thời rà soát, cập nhật dữ liệu chuyên ngành đầy đủ, "
                'chính xác, bảo đảm yêu cầu "đúng, đủ, sạch, sống".'
            ),
            (
                "Đối với các kiến nghị của thị trấn, đại diện Sở cho biết sẽ tổng hợp, phối hợp với các "
                "doanh nghiệp viễn thông trên địa bàn khảo sát, nâng cấp hạ tầng mạng di động tại những khu "
                "vực sóng yếu trong quý tới. Sở cũng sẽ đưa cán bộ, công chức thị trấn vào danh sách tham "
                "gia các lớp tập huấn kỹ năng số và bảo đảm an toàn thông tin do tỉnh tổ chức."
            ),
        ],
        "caption": "Đoàn công tác Sở Thông tin và Truyền thông làm việc tại UBND thị trấn Hương An.",
        "byline": "Minh Quân",
        "source": "UBND thị trấn Hương An",
        "category": "tin-trong-tinh",
        "tags": ["chuyển đổi số", "cải cách hành chính"],
        "featured": True,
        "days_ago": 3,
        "picture": 7,
    },
    {
        "title": "HĐND thị trấn Hương An tổ chức kỳ họp thường lệ cuối năm, thông qua nhiều nghị quyết quan trọng",
        "lead": (
            "Ngày {day:-1}, HĐND thị trấn Hương An tổ chức kỳ họp thường lệ cuối năm nhằm đánh giá kết quả thực "
            "hiện nhiệm vụ phát triển kinh tế - xã hội, quốc phòng - an ninh và quyết định nhiều nội dung "
            "quan trọng cho năm tới."
        ),
        "body": [
            (
                "Dự kỳ họp có ông Phạm Minh Tuấn, Phó Chủ tịch UBND huyện Quế Sơn; lãnh đạo HĐND, UBND, Ủy "
                "ban MTTQ Việt Nam thị trấn cùng các đại biểu HĐND thị trấn và trưởng các khu phố. Ông Lê "
                "Quang Vinh, Chủ tịch HĐND thị trấn, chủ trì kỳ họp. Trong hai ngày làm việc, các đại biểu "
                "đã nghe và thảo luận nhiều báo cáo quan trọng của Thường trực HĐND, UBND và các ban của "
                "HĐND thị trấn."
            ),
            (
                "Theo báo cáo của UBND thị trấn, trong năm qua, tổng giá trị sản xuất trên địa bàn tăng "
                "khoảng 8% so với năm trước; thu ngân sách vượt dự toán được giao. Sản xuất nông nghiệp được "
                "mùa, được giá; các công trình giao thông, thủy lợi, trường học được đầu tư kịp thời. Công "
                "tác an sinh xã hội được quan tâm, tỷ lệ hộ nghèo tiếp tục giảm; quốc phòng - an ninh được "
                "giữ vững, trật tự an toàn xã hội ổn định."
            ),
            (
                "Tại phiên thảo luận, các đại biểu tập trung phân tích những hạn chế như tiến độ giải phóng "
                "mặt bằng một số dự án còn chậm, tình trạng lấn chiếm hành lang an toàn giao thông vẫn còn "
                "xảy ra, việc thu gom rác thải tại các khu dân cư xa trung tâm chưa thường xuyên. Nhiều ý "
                "kiến đề nghị UBND thị trấn có giải pháp cụ thể, phân công rõ trách nhiệm để khắc phục trong "
                "năm tới."
            ),
            (
                "Phát biểu tại kỳ họp, ông Phạm Minh Tuấn đánh giá cao những kết quả mà thị trấn đạt được, "
                "đồng thời đề nghị địa phương tập trung hoàn thiện các tiêu chí đô thị, đẩy mạnh cải cách "
                "hành chính, chuyển đổi số và nâng cao chất lượng phục vụ người dân, doanh nghiệp. Ông cũng "
                "lưu ý thị trấn chủ động xây dựng phương án phòng chống thiên tai phù hợp với đặc điểm địa "
                "bàn."
            ),
            (
                "Kết thúc kỳ họp, HĐND thị trấn đã biểu quyết thông qua các nghị quyết về nhiệm vụ phát "
                "triển kinh tế - xã hội năm tới; dự toán thu, chi ngân sách và phương án phân bổ ngân sách; "
                "kế hoạch đầu tư công; chương trình giám sát của HĐND thị trấn. Các nghị quyết đều được đại "
                "biểu có mặt tán thành với tỷ lệ cao, tạo cơ sở để UBND thị trấn tổ chức thực hiện ngay từ "
                "đầu năm."
            ),
        ],
        "caption": "Các đại biểu biểu quyết thông qua nghị quyết tại kỳ họp.",
        "byline": "Thanh Tâm",
        "source": "UBND thị trấn Hương An",
        "category": "chinh-quyen",
        "tags": ["HĐND", "phát triển kinh tế - xã hội"],
        "featured": True,
        "days_ago": 4,
        "picture": 0,
    },
    {
        "title": "Quế Sơn ra quân đợt cao điểm bảo đảm trật tự an toàn giao thông dịp cuối năm và Tết Nguyên đán",
        "lead": (
            "Sáng ngày {day:-1}, Ban An toàn giao thông huyện Quế Sơn tổ chức lễ ra quân đợt cao điểm bảo đảm "
            "trật tự an toàn giao thông, tập trung xử lý các hành vi vi phạm là nguyên nhân trực tiếp gây "
            "tai nạn."
        ),
        "body": [
            (
                "Tham dự lễ ra quân có lãnh đạo UBND huyện, Công an huyện, các phòng, ban chuyên môn cùng "
                "đại diện lãnh đạo UBND các xã, thị trấn trên địa bàn. Theo báo cáo của Ban An toàn giao "
                "thông huyện, từ đầu năm đến nay, các vụ tai nạn giao thông trên địa bàn chủ yếu do người "
                "điều khiển xe mô tô chạy quá tốc độ, không đội mũ bảo hiểm, đi không đúng phần đường hoặc "
                "sử dụng rượu bia khi tham gia giao thông."
            ),
            (
                "Trong đợt cao điểm kéo dài đến hết tháng Giêng âm lịch, lực lượng Cảnh sát giao thông Công "
                "an huyện phối hợp với công an các xã, thị trấn tăng cường tuần tra, kiểm soát trên các "
                "tuyến quốc lộ, tỉnh lộ và đường huyện. Trọng tâm là xử lý nghiêm các lỗi vi phạm nồng độ "
                "cồn, chạy quá tốc độ, chở hàng cồng kềnh, học sinh chưa đủ tuổi điều khiển xe mô tô."
            ),
            (
                "Cùng với công tác tuần tra, xử lý vi phạm, các địa phương được yêu cầu đẩy mạnh tuyên "
                "truyền trên hệ thống truyền thanh cơ sở, mạng xã hội và tại các buổi sinh hoạt khu dân cư. "
                "Ngành giáo dục phối hợp tổ chức ký cam kết chấp hành luật giao thông cho học sinh, phụ "
                "huynh; các doanh nghiệp vận tải được nhắc nhở quản lý chặt chẽ lái xe, phương tiện."
            ),
            (
                "Phát biểu tại lễ ra quân, ông Phạm Minh Tuấn, Phó Chủ tịch UBND huyện, Trưởng Ban An toàn "
                "giao thông huyện, đề nghị các lực lượng thực thi nhiệm vụ nghiêm túc, đúng quy trình, văn "
                "minh. Ông nhấn mạnh mục tiêu kéo giảm tai nạn giao thông trên cả ba tiêu chí số vụ, số "
                "người chết và số người bị thương, góp phần để người dân đón Tết an toàn, vui tươi."
            ),
        ],
        "caption": "Các lực lượng tham gia lễ ra quân bảo đảm trật tự an toàn giao thông.",
        "byline": "Quốc Bảo",
        "source": "Trung tâm Văn hóa - Thể thao và Truyền thanh huyện Quế Sơn",
        "category": "tin-trong-huyen",
        "tags": ["an toàn giao thông"],
        "featured": False,
        "days_ago": 6,
        "picture": 6,
    },
    {
        "title": "Đường giao thông nông thôn ở Hương An được bê tông hóa, người dân hiến đất mở rộng đường kiệt",
        "lead": (
            'Với phương châm "Nhà nước và nhân dân cùng làm", thị trấn Hương An đã hoàn thành bê tông hóa '
            "gần 5 km đường giao thông nông thôn, đường kiệt trong năm, góp phần thay đổi diện mạo các khu "
            "dân cư."
        ),
        "body": [
            (
                "Những ngày này, tuyến đường bê tông rộng 4 m nối khu phố Tân Phú với trục đường chính của "
                "thị trấn đã hoàn thành và đưa vào sử dụng. Trước đây, tuyến đường chỉ là lối mòn đất đỏ nhỏ "
                "hẹp, mùa nắng bụi mù, mùa mưa lầy lội, xe máy đi lại rất khó khăn. Nay đường được mở rộng, "
                "có rãnh thoát nước hai bên, học sinh đến trường và bà con chở nông sản ra chợ đều thuận "
                "tiện hơn nhiều."
            ),
            (
                "Theo ông Nguyễn Văn Thành, Chủ tịch UBND thị trấn Hương An, trong năm, địa phương đã huy "
                "động tổng nguồn lực hơn 3,2 tỷ đồng để bê tông hóa gần 5 km đường giao thông nông thôn và "
                "đường kiệt, hẻm. Trong đó, ngân sách huyện hỗ trợ xi măng, ngân sách thị trấn hỗ trợ một "
                "phần chi phí, phần còn lại do nhân dân đóng góp bằng tiền, ngày công lao động và hiến đất."
            ),
            (
                "Điều đáng ghi nhận là nhiều hộ dân đã tự nguyện tháo dỡ tường rào, cổng ngõ, hiến hàng trăm "
                "mét vuông đất để mở rộng mặt đường mà không yêu cầu bồi thường. Ông Trần Văn Lộc ở khu phố "
                'Tân Phú, người đã hiến gần 80 m² đất vườn, chia sẻ: "Đường rộng thì con cháu đi lại an '
                "toàn, xe cứu thương, xe chữa cháy vào được tận nơi. Đó là cái lợi chung của cả xóm, gia "
                'đình tôi thấy rất vui khi góp một phần nhỏ."'
            ),
            (
                "Để các công trình bảo đảm chất lượng, thị trấn thành lập ban giám sát cộng đồng tại từng "
                "khu phố, công khai dự toán, khối lượng và các khoản đóng góp. Sau khi hoàn thành, các khu "
                "phố tiếp tục ra quân trồng hoa, cây xanh dọc hai bên đường, lắp đặt đèn chiếu sáng bằng "
                'năng lượng mặt trời, tạo nên những tuyến đường "sáng - xanh - sạch - đẹp".'
            ),
            (
                "Thời gian tới, thị trấn Hương An tiếp tục rà soát các tuyến đường kiệt còn lại để đưa vào "
                "kế hoạch đầu tư, ưu tiên những tuyến có đông hộ dân sinh sống và gần trường học. Địa phương "
                "phấn đấu đến cuối năm sau cơ bản hoàn thành bê tông hóa toàn bộ đường kiệt, hẻm, góp phần "
                "hoàn thiện các tiêu chí đô thị văn minh."
            ),
        ],
        "caption": "Tuyến đường bê tông mới hoàn thành tại khu phố Tân Phú.",
        "byline": "Văn Hùng",
        "source": "Trung tâm Văn hóa - Thể thao và Truyền thanh huyện Quế Sơn",
        "category": "kinh-te-xa-hoi",
        "tags": ["nông thôn mới", "hạ tầng", "an toàn giao thông"],
        "featured": True,
        "days_ago": 9,
        "picture": 6,
    },
    {
        "title": "Chủ tịch UBND thị trấn Hương An tiếp công dân định kỳ, chỉ đạo giải quyết dứt điểm nhiều kiến nghị",
        "lead": (
            "Trong buổi tiếp công dân định kỳ tháng {month:-2}, Chủ tịch UBND thị trấn Hương An đã trực tiếp lắng "
            "nghe, trả lời và chỉ đạo giải quyết 7 lượt kiến nghị của người dân liên quan đến đất đai, hạ "
            "tầng và chính sách xã hội."
        ),
        "body": [
            (
                "Buổi tiếp công dân do ông Nguyễn Văn Thành, Chủ tịch UBND thị trấn, chủ trì, với sự tham "
                "gia của đại diện Ủy ban MTTQ Việt Nam thị trấn, công chức địa chính - xây dựng, tư pháp - "
                "hộ tịch, văn hóa - xã hội và trưởng các khu phố có liên quan. Các nội dung kiến nghị được "
                "tiếp nhận, ghi chép đầy đủ vào sổ theo dõi theo đúng quy định."
            ),
            (
                "Phần lớn ý kiến của người dân tập trung vào việc cấp giấy chứng nhận quyền sử dụng đất, xác "
                "định ranh giới thửa đất giữa các hộ liền kề, đề nghị sửa chữa hệ thống thoát nước tại khu "
                "phố Đông Hương và lắp đặt thêm đèn chiếu sáng trên tuyến đường nội thị. Một số trường hợp "
                "đề nghị xem xét hỗ trợ chế độ bảo trợ xã hội cho người cao tuổi neo đơn."
            ),
            (
                "Đối với những nội dung thuộc thẩm quyền, Chủ tịch UBND thị trấn đã trả lời, giải thích rõ "
                "ràng ngay tại buổi tiếp và giao bộ phận chuyên môn kiểm tra, giải quyết trong thời hạn cụ "
                "thể. Với các nội dung vượt thẩm quyền, thị trấn hướng dẫn công dân gửi đơn đến cơ quan có "
                "thẩm quyền, đồng thời có văn bản đề nghị các phòng, ban của huyện quan tâm xem xét."
            ),
            (
                "Nhiều công dân bày tỏ sự đồng tình với cách làm cởi mở, cầu thị của chính quyền thị trấn. "
                'Ông Lê Văn Phúc, khu phố Đông Hương, chia sẻ: "Cống thoát nước trước nhà bị tắc kéo dài cả '
                "năm nay, hôm nay được Chủ tịch hứa chỉ đạo xử lý trước mùa mưa lớn, bà con chúng tôi rất "
                'phấn khởi." Ngay sau buổi tiếp, công chức địa chính - xây dựng đã cùng trưởng khu phố xuống '
                "hiện trường kiểm tra, lên phương án nạo vét."
            ),
            (
                "Theo UBND thị trấn, từ đầu năm đến nay, lãnh đạo thị trấn đã tổ chức 11 buổi tiếp công dân "
                "định kỳ và nhiều buổi đột xuất. Phần lớn kiến nghị đã được giải quyết dứt điểm, góp phần "
                "giữ vững ổn định tình hình ở cơ sở và củng cố niềm tin của người dân đối với chính quyền. "
                "Kết quả giải quyết từng vụ việc đều được thông báo bằng văn bản đến công dân và công khai "
                "tại trụ sở UBND thị trấn."
            ),
        ],
        "caption": "Buổi tiếp công dân định kỳ tại trụ sở UBND thị trấn.",
        "byline": "Văn Hùng",
        "source": "UBND thị trấn Hương An",
        "category": "chinh-quyen",
        "tags": ["tiếp công dân", "cải cách hành chính"],
        "featured": False,
        "days_ago": 13,
        "picture": 7,
    },
    {
        "title": "Ngày hội Đại đoàn kết toàn dân tộc ở khu phố Phước Hạ ấm áp nghĩa tình làng xóm",
        "lead": (
            "Trong không khí vui tươi, phấn khởi, người dân khu phố Phước Hạ, thị trấn Hương An đã cùng nhau "
            "tổ chức Ngày hội Đại đoàn kết toàn dân tộc với nhiều hoạt động văn hóa, thể thao đặc sắc."
        ),
        "body": [
            (
                "Ngày hội được tổ chức tại nhà văn hóa khu phố với sự tham dự của lãnh đạo thị trấn và đông "
                "đảo bà con nhân dân. Tại buổi lễ, Ban công tác Mặt trận khu phố đã ôn lại truyền thống của "
                'Mặt trận Tổ quốc Việt Nam, đồng thời báo cáo kết quả thực hiện cuộc vận động "Toàn dân đoàn '
                'kết xây dựng nông thôn mới, đô thị văn minh" trong năm qua.'
            ),
            (
                "Theo báo cáo, trong năm, nhân dân khu phố Phước Hạ đã đóng góp hàng trăm ngày công và hơn "
                "150 triệu đồng để bê tông hóa đường kiệt, lắp đặt đèn chiếu sáng và trồng hoa dọc các tuyến "
                "đường. Khu phố có 96% hộ gia đình đạt danh hiệu gia đình văn hóa; các hộ có hoàn cảnh khó "
                "khăn luôn nhận được sự quan tâm, giúp đỡ kịp thời của bà con lối xóm."
            ),
            (
                "Nhân dịp này, khu phố đã trao tặng giấy khen cho các hộ gia đình tiêu biểu, trao quà cho hộ "
                "nghèo và học sinh vượt khó học giỏi. Phần hội diễn ra sôi nổi với các tiết mục văn nghệ do "
                "chính người dân biểu diễn, các trò chơi dân gian như kéo co, đập niêu, bịt mắt bắt vịt thu "
                "hút đông đảo người tham gia, nhất là các cháu thiếu nhi."
            ),
            (
                "Đặc biệt, bữa cơm đoàn kết với những món ăn do các hộ gia đình tự tay chuẩn bị đã tạo không "
                "khí đầm ấm, gắn kết. Bà Trần Thị Mai Hương, Phó Chủ tịch UBND thị trấn, ghi nhận những đóng "
                "góp của bà con khu phố Phước Hạ, mong người dân tiếp tục phát huy tinh thần đoàn kết, chung "
                "sức xây dựng quê hương ngày càng giàu đẹp, văn minh."
            ),
        ],
        "caption": "Người dân khu phố Phước Hạ tham gia trò chơi kéo co trong ngày hội.",
        "byline": "Ngọc Ánh",
        "source": "Ủy ban MTTQ Việt Nam thị trấn Hương An",
        "category": "van-hoa-the-thao",
        "tags": ["văn hóa", "đại đoàn kết"],
        "featured": False,
        "days_ago": 15,
        "picture": 4,
    },
    {
        "title": "Sôi nổi giải bóng chuyền nam thị trấn Hương An chào mừng Ngày hội Đại đoàn kết toàn dân tộc",
        "lead": (
            "Sau 5 ngày thi đấu sôi nổi, giải bóng chuyền nam thị trấn Hương An đã khép lại với chức vô địch "
            "thuộc về đội khu phố Xuân Phú, mang đến nhiều trận đấu hấp dẫn cho người hâm mộ địa phương."
        ),
        "body": [
            (
                "Giải đấu do UBND thị trấn tổ chức, quy tụ 10 đội bóng đến từ các khu phố, trường học và cơ "
                "quan đóng trên địa bàn với gần 120 vận động viên. Các đội được chia thành hai bảng thi đấu "
                "vòng tròn tính điểm, chọn hai đội đứng đầu mỗi bảng vào thi đấu bán kết và chung kết tại "
                "sân bóng chuyền Trung tâm Văn hóa - Thể thao thị trấn."
            ),
            (
                "Ngay từ những trận đầu, các đội đã thể hiện tinh thần thi đấu quyết tâm, đoàn kết và cao "
                "thượng. Nhiều pha đập bóng uy lực, chắn bóng chính xác, cứu bóng ngoạn mục khiến khán giả "
                "không ngớt vỗ tay cổ vũ. Mỗi buổi tối, hàng trăm người dân từ các khu phố đã đến sân theo "
                "dõi, tạo nên không khí thể thao vui tươi, sôi động."
            ),
            (
                "Trận chung kết giữa đội khu phố Xuân Phú và đội khu phố Trung Phước diễn ra hấp dẫn, giằng "
                "co đến set đấu cuối cùng. Với lối chơi chắc chắn và giàu kinh nghiệm, đội Xuân Phú đã giành "
                "chiến thắng chung cuộc 3-2 để lên ngôi vô địch. Giải Nhì thuộc về đội Trung Phước; đồng "
                "giải Ba thuộc về đội Trường THCS Hương An và đội khu phố Nam Sơn."
            ),
            (
                "Ông Lê Hữu Nhân, công chức văn hóa - xã hội thị trấn, cho biết giải đấu là hoạt động thiết "
                "thực nhằm đẩy mạnh phong trào toàn dân rèn luyện thân thể. Qua giải, thị trấn sẽ tuyển chọn "
                "các vận động viên xuất sắc để thành lập đội tuyển tham gia giải bóng chuyền cấp huyện trong "
                "thời gian tới. Ban Tổ chức đã trao cúp, cờ và tiền thưởng cho các đội đoạt giải, cùng giải "
                "phong cách cho đội khu phố Tây An."
            ),
        ],
        "caption": "Pha tranh bóng trên lưới trong trận chung kết.",
        "byline": "Quốc Bảo",
        "source": "Trung tâm Văn hóa - Thể thao và Truyền thanh huyện Quế Sơn",
        "category": "van-hoa-the-thao",
        "tags": ["thể thao", "đại đoàn kết"],
        "featured": False,
        "days_ago": 17,
        "picture": 4,
    },
    {
        "title": "Hội thi văn nghệ quần chúng thị trấn Hương An thu hút 12 đội đến từ các khu phố, trường học",
        "lead": (
            "Tối ngày {day:-1}, tại sân Trung tâm Văn hóa - Thể thao thị trấn, Hội thi văn nghệ quần chúng thị "
            "trấn Hương An đã diễn ra sôi nổi với sự tham gia của 12 đội cùng gần 300 diễn viên, nghệ nhân "
            "không chuyên."
        ),
        "body": [
            (
                "Hội thi được tổ chức nhằm chào mừng Ngày hội Đại đoàn kết toàn dân tộc, đồng thời tạo sân "
                "chơi lành mạnh, bổ ích cho người dân sau những ngày lao động, sản xuất. Tham gia hội thi có "
                "đội văn nghệ của 8 khu phố, Trường Mầm non Hương An, Trường Tiểu học Hương An, Trường THCS "
                "Hương An và Hội Người cao tuổi thị trấn."
            ),
            (
                'Với chủ đề "Hương An - quê hương đổi mới", các đội đã mang đến hơn 40 tiết mục đặc sắc, '
                "phong phú về thể loại như đơn ca, tốp ca, múa, hát dân ca, bài chòi và tiểu phẩm. Nhiều "
                "tiết mục được dàn dựng công phu, ca ngợi vẻ đẹp quê hương, tình yêu đất nước và những đổi "
                "thay của thị trấn trong công cuộc xây dựng nông thôn mới, đô thị văn minh."
            ),
            (
                "Đặc biệt, tiết mục hát bài chòi của đội Hội Người cao tuổi và tiểu phẩm tuyên truyền về an "
                "toàn giao thông của đội khu phố An Hòa đã nhận được những tràng pháo tay nồng nhiệt từ khán "
                "giả. Bà Phan Thị Lan, 68 tuổi, thành viên đội văn nghệ người cao tuổi, cho biết các thành "
                "viên đã tập luyện suốt hơn một tháng vào các buổi tối để có được tiết mục ưng ý nhất."
            ),
            (
                "Kết quả, Ban Tổ chức đã trao giải Nhất cho đội khu phố Trung Phước; giải Nhì cho đội Trường "
                "THCS Hương An và đội Hội Người cao tuổi; giải Ba cho các đội khu phố An Hòa, Phước Hạ và "
                "Trường Tiểu học Hương An. Ngoài ra, Ban Tổ chức còn trao nhiều giải cá nhân cho các diễn "
                "viên có phần trình diễn xuất sắc, được khán giả bình chọn."
            ),
            (
                "Phát biểu bế mạc, bà Trần Thị Mai Hương, Phó Chủ tịch UBND thị trấn, Trưởng Ban Tổ chức, "
                "cho biết hội thi là dịp để phát hiện, bồi dưỡng những hạt nhân văn nghệ ở cơ sở. Thị trấn "
                "sẽ lựa chọn các tiết mục xuất sắc để tham gia Liên hoan văn nghệ quần chúng cấp huyện dự "
                "kiến tổ chức vào đầu năm tới, đồng thời duy trì sinh hoạt thường xuyên của các câu lạc bộ "
                "văn nghệ ở khu phố."
            ),
        ],
        "caption": "Tiết mục múa của đội văn nghệ khu phố Trung Phước tại hội thi.",
        "byline": "Ngọc Ánh",
        "source": "Trung tâm Văn hóa - Thể thao và Truyền thanh huyện Quế Sơn",
        "category": "van-hoa-the-thao",
        "tags": ["văn hóa", "đại đoàn kết"],
        "featured": True,
        "days_ago": 19,
        "picture": 4,
    },
    {
        "title": "Bộ phận Một cửa thị trấn Hương An đẩy mạnh tiếp nhận hồ sơ trực tuyến, giải quyết thủ tục nhanh hơn",
        "lead": (
            "Nhờ tích cực hướng dẫn người dân sử dụng dịch vụ công trực tuyến, tỷ lệ hồ sơ thủ tục hành "
            "chính nộp qua mạng tại thị trấn Hương An đã tăng mạnh, nhiều thủ tục được trả kết quả ngay "
            "trong ngày."
        ),
        "body": [
            (
                "Có mặt tại Bộ phận Tiếp nhận và trả kết quả của UBND thị trấn Hương An vào một buổi sáng "
                "đầu tuần, chúng tôi ghi nhận không khí làm việc nhanh gọn. Bên cạnh quầy tiếp nhận truyền "
                "thống, thị trấn đã bố trí khu vực hỗ trợ nộp hồ sơ trực tuyến với máy tính kết nối mạng, "
                "máy quét tài liệu và công chức trực tiếp hướng dẫn người dân thao tác."
            ),
            (
                "Bà Nguyễn Thị Hạnh, ở khu phố Xuân Phú, đến làm thủ tục đăng ký khai sinh cho cháu nội, cho "
                'biết: "Ban đầu tôi nghĩ làm trên mạng sẽ khó, nhưng được cán bộ hướng dẫn từng bước, chỉ '
                "khoảng 15 phút là xong. Chiều cùng ngày tôi đã nhận được thông báo có kết quả, không phải "
                'đi lại nhiều lần như trước." Cũng theo bà Hạnh, kết quả điện tử được lưu trong tài khoản '
                "nên rất tiện tra cứu về sau."
            ),
            (
                "Theo thống kê của UBND thị trấn, từ đầu năm đến nay, Bộ phận Một cửa đã tiếp nhận hơn 2.100 "
                "hồ sơ thủ tục hành chính, trong đó tỷ lệ hồ sơ nộp trực tuyến đạt trên 70%. Các lĩnh vực có "
                "số lượng hồ sơ lớn là hộ tịch, chứng thực, bảo trợ xã hội. Tỷ lệ hồ sơ giải quyết đúng và "
                "trước hạn đạt 100%, không có phản ánh, kiến nghị về thái độ phục vụ."
            ),
            (
                "Để đạt được kết quả trên, thị trấn đã niêm yết công khai đầy đủ các thủ tục hành chính, mã "
                "QR tra cứu và số điện thoại đường dây nóng. Công chức được phân công tiếp nhận hồ sơ đều "
                "được tập huấn về nghiệp vụ và kỹ năng giao tiếp. Định kỳ hằng quý, thị trấn tổ chức khảo "
                "sát mức độ hài lòng của người dân để kịp thời điều chỉnh, khắc phục những điểm còn hạn chế."
            ),
            (
                "Bà Trần Thị Mai Hương, Phó Chủ tịch UBND thị trấn, cho biết thời gian tới thị trấn sẽ tiếp "
                "tục số hóa hồ sơ, kết quả giải quyết thủ tục hành chính, phấn đấu 100% hồ sơ đủ điều kiện "
                "được tiếp nhận và xử lý trực tuyến toàn trình. Mục tiêu là lấy sự hài lòng của người dân "
                "làm thước đo hiệu quả hoạt động của chính quyền."
            ),
        ],
        "caption": "Công chức Bộ phận Một cửa hướng dẫn người dân nộp hồ sơ trực tuyến.",
        "byline": "Ngọc Ánh",
        "source": "UBND thị trấn Hương An",
        "category": "chinh-quyen",
        "tags": ["cải cách hành chính", "chuyển đổi số"],
        "featured": False,
        "days_ago": 22,
        "picture": 7,
    },
    {
        "title": "Trường THCS Hương An tổ chức Hội khỏe Phù Đổng cấp trường với nhiều môn thi đấu hấp dẫn",
        "lead": (
            "Hội khỏe Phù Đổng Trường THCS Hương An vừa diễn ra với sự tham gia của gần 400 học sinh ở các "
            "môn điền kinh, bóng đá, cầu lông, cờ vua và kéo co, tạo không khí thi đua sôi nổi trong nhà "
            "trường."
        ),
        "body": [
            (
                "Thầy Đặng Công Lý, Hiệu trưởng Trường THCS Hương An, cho biết Hội khỏe Phù Đổng cấp trường "
                "được tổ chức hằng năm nhằm đẩy mạnh phong trào rèn luyện thể dục, thể thao trong học sinh, "
                "góp phần giáo dục thể chất và phát triển toàn diện. Hội khỏe cũng là dịp để nhà trường phát "
                "hiện, tuyển chọn các em có năng khiếu tham gia Hội khỏe Phù Đổng cấp huyện."
            ),
            (
                "Trong ba ngày thi đấu, các nội dung diễn ra liên tục trên sân trường và nhà đa năng. Môn "
                "bóng đá mini nam thu hút đông đảo học sinh cổ vũ với những trận cầu hấp dẫn; các nội dung "
                "chạy cự ly ngắn, nhảy xa, nhảy cao chứng kiến nhiều thành tích tốt. Môn kéo co giữa các lớp "
                "luôn là tâm điểm với tiếng reo hò vang dội của các cổ động viên nhí."
            ),
            (
                "Em Nguyễn Thảo Vy, học sinh lớp 8/2, giành huy chương vàng nội dung chạy 100 m nữ, chia sẻ "
                'em đã tập luyện đều đặn mỗi buổi chiều sau giờ học trong suốt một tháng. "Được thi đấu cùng '
                "các bạn, em thấy rất vui và khỏe hơn. Em mong được chọn vào đội tuyển của trường để thi cấp "
                'huyện", Vy nói. Nhiều giáo viên chủ nhiệm cũng dành thời gian đến sân cổ vũ, động viên học '
                "sinh lớp mình."
            ),
            (
                "Kết thúc hội khỏe, Ban Tổ chức đã trao 45 bộ huy chương cho các vận động viên đạt thành "
                "tích cao. Nhà trường cũng trao giải toàn đoàn cho các lớp có thành tích tốt nhất. Công tác "
                "tổ chức được thực hiện chu đáo, bảo đảm an toàn tuyệt đối cho học sinh trong suốt thời gian "
                "diễn ra các nội dung thi đấu, với sự hỗ trợ của nhân viên y tế học đường."
            ),
        ],
        "caption": "Học sinh thi đấu nội dung chạy cự ly ngắn tại hội khỏe.",
        "byline": "Minh Quân",
        "source": "Trường THCS Hương An",
        "category": "van-hoa-the-thao",
        "tags": ["thể thao", "giáo dục"],
        "featured": False,
        "days_ago": 25,
        "picture": 2,
    },
    {
        "title": "Trạm Y tế thị trấn Hương An khám sàng lọc bệnh không lây nhiễm miễn phí cho hơn 300 người cao tuổi",
        "lead": (
            "Trong hai ngày {day:-3} và {day:-2}, Trạm Y tế thị trấn Hương An phối hợp với Trung tâm Y tế huyện Quế Sơn "
            "tổ chức khám sàng lọc tăng huyết áp, đái tháo đường và một số bệnh không lây nhiễm cho người "
            "cao tuổi trên địa bàn."
        ),
        "body": [
            (
                "Ngay từ sáng sớm, khu vực sân Trạm Y tế thị trấn đã đông đúc người cao tuổi đến đăng ký "
                "khám. Các cụ được đo huyết áp, đo đường huyết mao mạch, đo chỉ số khối cơ thể, khám lâm "
                "sàng và tư vấn chế độ ăn uống, luyện tập phù hợp. Những trường hợp có dấu hiệu bất thường "
                "được bác sĩ giới thiệu lên tuyến trên để làm thêm các xét nghiệm chuyên sâu."
            ),
            (
                "Kết quả sau hai ngày, đã có 318 người cao tuổi được khám sàng lọc. Qua đó, phát hiện mới "
                "hơn 40 trường hợp nghi tăng huyết áp và 17 trường hợp có chỉ số đường huyết cao. Tất cả các "
                "trường hợp này đã được lập hồ sơ, đưa vào danh sách quản lý và theo dõi điều trị ngoại trú "
                "tại trạm y tế theo quy định, được hẹn lịch tái khám hằng tháng."
            ),
            (
                "Bác sĩ Võ Thị Hồng Nhung, Trưởng Trạm Y tế thị trấn, cho biết tăng huyết áp và đái tháo "
                "đường thường diễn biến âm thầm, nhiều người chỉ phát hiện bệnh khi đã có biến chứng. Vì "
                "vậy, việc khám sàng lọc định kỳ giúp phát hiện sớm, can thiệp kịp thời, giảm nguy cơ đột "
                "quỵ, nhồi máu cơ tim và các biến chứng nguy hiểm khác."
            ),
            (
                'Cụ Trương Văn Bốn, 76 tuổi, khu phố Trung Phước, phấn khởi chia sẻ: "Được khám bệnh, tư vấn '
                "tận tình ngay tại địa phương, lại không mất tiền, người già chúng tôi rất mừng. Bác sĩ dặn "
                'tôi phải ăn nhạt, đi bộ mỗi sáng và uống thuốc đều đặn, tôi sẽ cố gắng làm theo." Nhiều '
                "người cao tuổi khác cũng mong muốn hoạt động khám sàng lọc được tổ chức thường xuyên hơn, "
                "nhất là ở các khu phố xa trạm y tế."
            ),
            (
                "Theo kế hoạch, Trạm Y tế thị trấn sẽ duy trì hoạt động khám sàng lọc định kỳ hai lần mỗi "
                "năm, đồng thời đẩy mạnh quản lý sức khỏe người dân bằng hồ sơ sức khỏe điện tử. Trạm cũng "
                "khuyến khích người dân sử dụng thẻ bảo hiểm y tế để được khám, cấp thuốc điều trị bệnh mạn "
                "tính ngay tại tuyến cơ sở, vừa thuận tiện vừa giảm chi phí đi lại cho người bệnh."
            ),
        ],
        "caption": "Bác sĩ đo huyết áp cho người cao tuổi tại Trạm Y tế thị trấn.",
        "byline": "Thu Hà",
        "source": "Trạm Y tế thị trấn Hương An",
        "category": "kinh-te-xa-hoi",
        "tags": ["y tế", "an sinh xã hội"],
        "featured": False,
        "days_ago": 28,
        "picture": 5,
    },
    {
        "title": "Mô hình trồng rau an toàn theo hướng VietGAP mang lại thu nhập ổn định cho nhiều hộ dân Hương An",
        "lead": (
            "Từ vùng đất bãi ven sông trước đây chỉ trồng hoa màu nhỏ lẻ, nhiều hộ dân ở thị trấn Hương An "
            "đã liên kết sản xuất rau an toàn theo hướng VietGAP, cho thu nhập cao gấp nhiều lần so với "
            "trồng lúa."
        ),
        "body": [
            (
                "Mô hình được triển khai tại khu phố Phước Hạ với diện tích ban đầu khoảng 3 ha, thu hút 25 "
                "hộ tham gia. Các hộ được hỗ trợ một phần giống, phân bón hữu cơ, hệ thống tưới phun tiết "
                "kiệm nước và được tập huấn quy trình sản xuất rau an toàn. Các loại rau chủ yếu là cải "
                "xanh, xà lách, rau muống, mồng tơi và một số loại rau gia vị."
            ),
            (
                "Điểm khác biệt của mô hình là toàn bộ quá trình canh tác đều được ghi chép nhật ký đồng "
                "ruộng, sử dụng phân hữu cơ hoai mục, chế phẩm sinh học và tuân thủ nghiêm thời gian cách ly "
                "trước khi thu hoạch. Tổ hợp tác còn xây dựng quy chế kiểm tra chéo giữa các thành viên, "
                "kiên quyết đưa ra khỏi tổ những hộ vi phạm quy trình."
            ),
            (
                "Bà Ngô Thị Liên, tổ trưởng tổ hợp tác, cho biết bình quân mỗi sào rau cho thu nhập khoảng 4 "
                "đến 5 triệu đồng mỗi tháng, cao hơn nhiều so với trồng lúa. Rau của tổ được các bếp ăn "
                "trường học, nhà hàng và tiểu thương ở chợ Hương An đặt mua thường xuyên, có thời điểm không "
                "đủ hàng để cung ứng. Nhờ đầu ra ổn định, nhiều hộ đã mạnh dạn đầu tư thêm nhà lưới để sản "
                "xuất quanh năm."
            ),
            (
                "Đánh giá hiệu quả của mô hình, lãnh đạo UBND thị trấn cho biết địa phương sẽ tiếp tục hỗ "
                "trợ tổ hợp tác hoàn thiện hồ sơ chứng nhận VietGAP, xây dựng nhãn hiệu và mã truy xuất "
                "nguồn gốc. Đồng thời, khuyến khích mở rộng diện tích sản xuất sang các khu phố lân cận, "
                "hướng tới hình thành vùng rau an toàn tập trung của thị trấn."
            ),
        ],
        "caption": "Người dân khu phố Phước Hạ chăm sóc rau an toàn.",
        "byline": "Thanh Tâm",
        "source": "",
        "category": "kinh-te-xa-hoi",
        "tags": ["nông nghiệp", "nông thôn mới"],
        "featured": False,
        "days_ago": 33,
        "picture": 1,
    },
    {
        "title": "UBND thị trấn Hương An họp phiên thường kỳ tháng {month:-1}, đánh giá tình hình kinh tế - xã hội",
        "lead": (
            "Chiều ngày {day:-1}, UBND thị trấn Hương An tổ chức phiên họp thường kỳ tháng {month:-1} nhằm đánh giá kết "
            "quả thực hiện nhiệm vụ trong tháng và triển khai các nhiệm vụ trọng tâm của tháng {month:-1:1}."
        ),
        "body": [
            (
                "Phiên họp do ông Nguyễn Văn Thành, Chủ tịch UBND thị trấn, chủ trì. Tham dự có các Phó Chủ "
                "tịch UBND thị trấn, công chức chuyên môn, trưởng các khu phố và đại diện các đoàn thể. Theo "
                "báo cáo, trong tháng {month:-1}, các địa phương đã hoàn thành thu hoạch lúa vụ Hè Thu, năng suất "
                "đạt khá; công tác chuẩn bị phòng chống thiên tai được triển khai chủ động, không để xảy ra "
                "thiệt hại lớn trong các đợt mưa vừa qua."
            ),
            (
                "Công tác thu ngân sách đạt khoảng 85% dự toán năm; việc giải quyết thủ tục hành chính tại "
                "Bộ phận Một cửa bảo đảm đúng hạn, không có hồ sơ trễ hẹn. Các hoạt động văn hóa, thể thao, "
                "chăm lo an sinh xã hội được duy trì; tình hình an ninh, trật tự an toàn xã hội trên địa bàn "
                "cơ bản ổn định. Công tác chuẩn bị cho các hoạt động kỷ niệm, sự kiện lớn trong tháng {month:-1:1} "
                "được triển khai đúng kế hoạch."
            ),
            (
                "Bên cạnh đó, phiên họp cũng chỉ ra một số hạn chế như công tác chỉnh trang đô thị, thu gom "
                "rác thải tại một số khu phố chưa đạt yêu cầu; tình trạng buôn bán lấn chiếm vỉa hè tại khu "
                "vực chợ còn diễn ra. Một số công trình xây dựng cơ bản triển khai chậm so với kế hoạch do "
                "vướng mặt bằng và ảnh hưởng của thời tiết."
            ),
            (
                "Kết luận phiên họp, ông Nguyễn Văn Thành yêu cầu các bộ phận chuyên môn tập trung đôn đốc "
                "thu ngân sách, đẩy nhanh tiến độ các công trình, hoàn thành thủ tục quyết toán. Đồng thời, "
                "chuẩn bị tốt nội dung các báo cáo phục vụ kỳ họp HĐND cuối năm; triển khai kế hoạch sản "
                "xuất vụ Đông Xuân và tăng cường kiểm tra, xử lý vi phạm trật tự đô thị."
            ),
        ],
        "caption": "Chủ tịch UBND thị trấn Hương An kết luận phiên họp.",
        "byline": "Minh Quân",
        "source": "UBND thị trấn Hương An",
        "category": "chinh-quyen",
        "tags": ["phát triển kinh tế - xã hội"],
        "featured": False,
        "days_ago": 38,
        "picture": 0,
    },
    {
        "title": "Thông báo tuyển sinh lớp đào tạo nghề nông nghiệp ngắn hạn cho lao động tại thị trấn Hương An",
        "lead": (
            "UBND thị trấn Hương An phối hợp với cơ sở giáo dục nghề nghiệp của huyện thông báo tuyển sinh "
            "các lớp đào tạo nghề ngắn hạn về trồng rau an toàn và chăn nuôi gia cầm, miễn học phí cho người "
            "học."
        ),
        "body": [
            (
                "Đối tượng tuyển sinh là người trong độ tuổi lao động, có nơi thường trú hoặc tạm trú ổn "
                "định trên địa bàn thị trấn, có nhu cầu học nghề để phát triển sản xuất, tạo việc làm tại "
                "chỗ. Ưu tiên người thuộc hộ nghèo, hộ cận nghèo, người khuyết tật, lao động nữ và người "
                "thuộc hộ bị thu hồi đất nông nghiệp và thanh niên chưa có việc làm ổn định."
            ),
            (
                "Thị trấn dự kiến mở hai lớp gồm lớp kỹ thuật trồng rau an toàn và lớp kỹ thuật chăn nuôi "
                "gia cầm, mỗi lớp khoảng 30 học viên. Thời gian học khoảng 3 tháng, học vào các buổi tối "
                "hoặc theo lịch linh hoạt để không ảnh hưởng đến công việc của người học. Nội dung học kết "
                "hợp giữa lý thuyết và thực hành trực tiếp tại các mô hình sản xuất trên địa bàn."
            ),
            (
                "Người học được miễn học phí, được hỗ trợ tiền ăn, tiền đi lại theo quy định và được cấp "
                "chứng chỉ sơ cấp sau khi hoàn thành khóa học. Học viên có kết quả tốt sẽ được giới thiệu "
                "vay vốn ưu đãi từ Ngân hàng Chính sách xã hội để đầu tư sản xuất theo nghề đã học. Thị trấn "
                "cũng sẽ kết nối với các hợp tác xã, doanh nghiệp để hỗ trợ bao tiêu sản phẩm cho học viên "
                "sau khi ra nghề."
            ),
            (
                "Hồ sơ đăng ký gồm đơn đăng ký học nghề theo mẫu, bản sao thẻ căn cước và giấy tờ chứng minh "
                "thuộc đối tượng ưu tiên (nếu có). Người có nhu cầu đăng ký tại Bộ phận Tiếp nhận và trả kết "
                "quả UBND thị trấn hoặc qua trưởng các khu phố trước ngày {day:+14}. Mọi chi tiết xin liên hệ "
                "công chức văn hóa - xã hội thị trấn trong giờ hành chính."
            ),
        ],
        "caption": "Học viên thực hành kỹ thuật trồng rau tại mô hình sản xuất.",
        "byline": "Hoàng Long",
        "source": "UBND thị trấn Hương An",
        "category": "thong-bao",
        "tags": ["đào tạo nghề", "nông nghiệp"],
        "featured": False,
        "days_ago": 40,
        "picture": 1,
    },
    {
        "title": "Hội thi Nhà nông đua tài huyện Quế Sơn thu hút hơn 100 hội viên nông dân đến từ các xã, thị trấn",
        "lead": (
            "Ngày {day:-1}, Hội Nông dân huyện Quế Sơn tổ chức Hội thi Nhà nông đua tài với sự tham gia của 14 "
            "đội thi, tạo sân chơi bổ ích để hội viên trao đổi kinh nghiệm sản xuất, ứng dụng khoa học kỹ "
            "thuật."
        ),
        "body": [
            (
                "Hội thi gồm bốn phần thi: chào hỏi, kiến thức, xử lý tình huống và năng khiếu. Ở phần thi "
                "kiến thức, các đội phải trả lời những câu hỏi liên quan đến kỹ thuật canh tác lúa, chăn "
                "nuôi an toàn sinh học, phòng trừ sâu bệnh hại cây trồng, chính sách hỗ trợ nông nghiệp và "
                "các quy định về bảo vệ môi trường nông thôn."
            ),
            (
                "Phần thi xử lý tình huống thu hút sự chú ý của đông đảo khán giả khi các đội đưa ra giải "
                "pháp cho những vấn đề thực tế như dịch bệnh trên đàn gia súc, giá nông sản xuống thấp, liên "
                "kết tiêu thụ sản phẩm với doanh nghiệp. Nhiều câu trả lời được các đội minh họa sinh động "
                "bằng tiểu phẩm, thể hiện sự am hiểu và kinh nghiệm thực tế của người nông dân."
            ),
            (
                "Đội thi của thị trấn Hương An gây ấn tượng với phần thi năng khiếu bằng tiết mục hát dân ca "
                'về mùa gặt trên quê hương. Anh Nguyễn Đức Tài, thành viên đội thi, chia sẻ: "Tham gia hội '
                "thi, chúng tôi học hỏi được nhiều cách làm hay của bà con các xã bạn, nhất là kinh nghiệm "
                'trồng rau an toàn và chăn nuôi gà thả vườn."'
            ),
            (
                "Kết thúc hội thi, Ban Tổ chức trao giải Nhất cho đội xã Quế Phú, giải Nhì cho đội thị trấn "
                "Hương An, giải Ba cho đội xã Quế Xuân 1 và xã Quế Châu; các đội còn lại nhận giải khuyến "
                "khích. Hội thi là hoạt động thiết thực hưởng ứng phong trào nông dân thi đua sản xuất, kinh "
                "doanh giỏi, đoàn kết giúp nhau làm giàu và giảm nghèo bền vững."
            ),
        ],
        "caption": "Đội thi thị trấn Hương An trong phần thi năng khiếu.",
        "byline": "Hoàng Long",
        "source": "Hội Nông dân huyện Quế Sơn",
        "category": "tin-trong-huyen",
        "tags": ["nông nghiệp"],
        "featured": False,
        "days_ago": 46,
        "picture": 1,
    },
    {
        "title": "Quảng Nam phát động tháng cao điểm vì người nghèo, chung tay hỗ trợ xóa nhà tạm, nhà dột nát",
        "lead": (
            "Ủy ban MTTQ Việt Nam tỉnh Quảng Nam vừa phát động tháng cao điểm vì người nghèo, kêu gọi các tổ "
            "chức, doanh nghiệp và cá nhân chung tay hỗ trợ hộ nghèo, hộ cận nghèo có nhà ở xuống cấp."
        ),
        "body": [
            (
                "Theo kế hoạch, tháng cao điểm được tổ chức từ ngày {day:-1} đến ngày {day:+31} với nhiều hoạt động "
                "như vận động ủng hộ Quỹ Vì người nghèo các cấp, thăm hỏi, tặng quà cho hộ có hoàn cảnh đặc "
                "biệt khó khăn và hỗ trợ xây mới, sửa chữa nhà ở. Nguồn quỹ vận động được công khai, minh "
                "bạch và sử dụng đúng mục đích, đúng đối tượng."
            ),
            (
                "Trên tinh thần đó, các huyện, thị xã, thành phố trong tỉnh đồng loạt tổ chức lễ phát động, "
                "rà soát danh sách hộ nghèo, hộ cận nghèo và hộ gia đình chính sách còn khó khăn về nhà ở. "
                "Nhiều doanh nghiệp, nhà hảo tâm đã đăng ký hỗ trợ kinh phí, vật liệu xây dựng; lực lượng vũ "
                "trang, đoàn viên thanh niên tham gia ngày công giúp các gia đình tháo dỡ nhà cũ, vận chuyển "
                "vật liệu."
            ),
            (
                "Tại huyện Quế Sơn, lễ phát động được tổ chức tại thị trấn Hương An với sự tham gia của đông "
                "đảo cán bộ, công chức, người lao động và nhân dân. Ngay tại buổi lễ, các cơ quan, đơn vị, "
                "doanh nghiệp trên địa bàn đã đăng ký ủng hộ hơn 400 triệu đồng; nhiều tập thể cam kết trích "
                "một ngày lương đóng góp vào quỹ."
            ),
            (
                "Lãnh đạo Ủy ban MTTQ Việt Nam tỉnh đề nghị các cấp Mặt trận phối hợp chặt chẽ với chính "
                "quyền trong việc rà soát đối tượng, bảo đảm hỗ trợ đúng người, đúng nhu cầu; đồng thời chú "
                "trọng hỗ trợ sinh kế như cây, con giống, học nghề, tạo việc làm để các hộ có điều kiện vươn "
                "lên thoát nghèo bền vững. Kết quả vận động và sử dụng quỹ sẽ được báo cáo, công khai định "
                "kỳ để nhân dân cùng giám sát."
            ),
        ],
        "caption": "Các cơ quan, doanh nghiệp đăng ký ủng hộ Quỹ Vì người nghèo tại lễ phát động.",
        "byline": "Bảo Trâm",
        "source": "",
        "category": "tin-trong-tinh",
        "tags": ["an sinh xã hội"],
        "featured": False,
        "days_ago": 50,
        "picture": 0,
    },
    {
        "title": "Quảng Nam đẩy mạnh chương trình Mỗi xã một sản phẩm, hướng đến nâng hạng sản phẩm OCOP",
        "lead": (
            "Tỉnh Quảng Nam đang tập trung hỗ trợ các chủ thể OCOP hoàn thiện quy trình sản xuất, bao bì, "
            "nhãn mác và mở rộng kênh tiêu thụ, phấn đấu nâng hạng nhiều sản phẩm từ 3 sao lên 4 sao trong "
            "thời gian tới."
        ),
        "body": [
            (
                "Theo Văn phòng Điều phối nông thôn mới tỉnh, sau nhiều năm triển khai, chương trình Mỗi xã "
                "một sản phẩm đã trở thành động lực quan trọng thúc đẩy phát triển kinh tế nông thôn. Nhiều "
                "sản phẩm đặc trưng của các địa phương như trà, dược liệu, nước mắm, bánh tráng, rượu truyền "
                "thống và các loại nông sản chế biến đã có chỗ đứng trên thị trường, góp phần nâng cao thu "
                "nhập cho người dân."
            ),
            (
                "Để nâng cao giá trị sản phẩm, tỉnh tiếp tục hỗ trợ các hợp tác xã, tổ hợp tác và hộ sản "
                "xuất đầu tư máy móc, thiết bị; xây dựng tiêu chuẩn cơ sở, truy xuất nguồn gốc; thiết kế bao "
                "bì, nhãn mác. Các chủ thể cũng được tập huấn kỹ năng quản trị, tiếp thị và bán hàng trên "
                "sàn thương mại điện tử, giúp sản phẩm tiếp cận người tiêu dùng ở nhiều tỉnh, thành phố."
            ),
            (
                "Tại huyện Quế Sơn, một số sản phẩm như bánh tráng, chè xanh, mật ong và các sản phẩm chế "
                "biến từ nông sản địa phương đang được hoàn thiện hồ sơ để tham gia đánh giá, phân hạng. Ở "
                "thị trấn Hương An, tổ hợp tác sản xuất bánh tráng tại khu phố Phước Hạ đã được hỗ trợ máy "
                "tráng bánh, lò sấy và được hướng dẫn đăng ký nhãn hiệu để chuẩn bị tham gia chương trình."
            ),
            (
                "Đại diện ngành nông nghiệp tỉnh cho biết bên cạnh việc phát triển thêm sản phẩm mới, tỉnh "
                "đặc biệt chú trọng duy trì chất lượng các sản phẩm đã được công nhận, tránh tình trạng chạy "
                "theo số lượng. Các sản phẩm sau khi được công nhận sẽ được hỗ trợ tham gia hội chợ, triển "
                "lãm và các điểm giới thiệu, bán sản phẩm OCOP trong và ngoài tỉnh."
            ),
        ],
        "caption": "Sản phẩm OCOP được giới thiệu tại một hội chợ nông sản.",
        "byline": "Khánh Linh",
        "source": "",
        "category": "tin-trong-tinh",
        "tags": ["OCOP", "nông thôn mới"],
        "featured": False,
        "days_ago": 51,
        "picture": 1,
    },
    {
        "title": "Huyện Quế Sơn sơ kết 9 tháng thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới",
        "lead": (
            "Chiều ngày {day:-1}, Ban Chỉ đạo các chương trình mục tiêu quốc gia huyện Quế Sơn tổ chức hội nghị "
            "sơ kết 9 tháng đầu năm, triển khai nhiệm vụ trọng tâm những tháng cuối năm về xây dựng nông "
            "thôn mới."
        ),
        "body": [
            (
                "Theo báo cáo tại hội nghị, 9 tháng đầu năm, huyện đã huy động hơn 60 tỷ đồng để thực hiện "
                "chương trình, trong đó vốn ngân sách Nhà nước chiếm phần lớn, phần còn lại từ vốn lồng "
                "ghép, tín dụng và đóng góp của nhân dân. Các địa phương đã khởi công mới nhiều công trình "
                "giao thông, thủy lợi, nhà văn hóa thôn và trường học, đồng thời duy trì tốt các tiêu chí đã "
                "đạt."
            ),
            (
                "Đến nay, toàn huyện có thêm một xã đạt chuẩn nông thôn mới nâng cao, nhiều thôn đạt chuẩn "
                "khu dân cư nông thôn mới kiểu mẫu. Chương trình Mỗi xã một sản phẩm (OCOP) tiếp tục được "
                "quan tâm, một số sản phẩm đặc trưng của huyện được công nhận đạt 3 sao. Thu nhập bình quân "
                "đầu người khu vực nông thôn tăng so với cùng kỳ, đời sống vật chất và tinh thần của người "
                "dân từng bước được nâng lên."
            ),
            (
                "Tuy nhiên, hội nghị cũng chỉ ra một số tồn tại như tiến độ giải ngân vốn đầu tư phát triển "
                "ở một vài địa phương còn chậm; tiêu chí môi trường, an toàn thực phẩm chưa thật sự bền "
                "vững; việc phát triển sản xuất theo chuỗi giá trị còn manh mún. Một số công trình sau đầu "
                "tư chưa được quan tâm duy tu, bảo dưỡng thường xuyên."
            ),
            (
                "Kết luận hội nghị, ông Phạm Minh Tuấn, Phó Chủ tịch UBND huyện, đề nghị các xã, thị trấn "
                "khẩn trương hoàn thiện thủ tục, đẩy nhanh giải ngân vốn, phấn đấu hoàn thành kế hoạch năm. "
                "Các địa phương cần chú trọng nâng cao chất lượng các tiêu chí, nhất là tiêu chí thu nhập, "
                "môi trường và cảnh quan, tránh chạy theo thành tích, bảo đảm xây dựng nông thôn mới thực "
                "chất, hiệu quả."
            ),
        ],
        "caption": "Quang cảnh hội nghị sơ kết tại hội trường UBND huyện.",
        "byline": "Trọng Nghĩa",
        "source": "",
        "category": "tin-trong-huyen",
        "tags": ["nông thôn mới"],
        "featured": False,
        "days_ago": 54,
        "picture": 0,
    },
    {
        "title": "Thị trấn Hương An ra mắt Tổ công nghệ số cộng đồng tại 8 khu phố",
        "lead": (
            "Tối ngày {day:-1}, UBND thị trấn Hương An tổ chức ra mắt các Tổ công nghệ số cộng đồng tại 8 khu "
            "phố, lực lượng nòng cốt đưa chuyển đổi số đến với từng hộ gia đình trên địa bàn."
        ),
        "body": [
            (
                "Mỗi Tổ công nghệ số cộng đồng có từ 6 đến 8 thành viên, do trưởng khu phố làm tổ trưởng, "
                "thành viên là công an khu vực, đoàn viên thanh niên, cán bộ các đoàn thể và những người có "
                "kiến thức về công nghệ thông tin đang sinh sống tại khu phố. Các tổ có nhiệm vụ tuyên "
                "truyền, hướng dẫn người dân cài đặt, sử dụng các ứng dụng, nền tảng số thiết yếu."
            ),
            (
                "Cụ thể, các tổ sẽ hỗ trợ người dân kích hoạt tài khoản định danh điện tử, nộp hồ sơ dịch vụ "
                "công trực tuyến, thanh toán không dùng tiền mặt, tra cứu thông tin bảo hiểm xã hội, bảo "
                "hiểm y tế. Đồng thời, hướng dẫn bà con nhận diện các thủ đoạn lừa đảo qua mạng, cách bảo vệ "
                "thông tin cá nhân khi sử dụng điện thoại thông minh."
            ),
            (
                "Ngay sau lễ ra mắt, các tổ đã tổ chức buổi hỗ trợ đầu tiên tại nhà văn hóa khu phố. Anh Võ "
                "Minh Khoa, đoàn viên thanh niên khu phố Nam Sơn, thành viên tổ công nghệ số, cho biết: "
                '"Nhiều cô chú lớn tuổi chưa quen dùng điện thoại thông minh nên chúng tôi hướng dẫn rất '
                'chậm, cầm tay chỉ việc. Thấy mọi người tự làm được, chúng tôi rất vui."'
            ),
            (
                "Để các tổ hoạt động hiệu quả, thị trấn đã phối hợp với doanh nghiệp viễn thông tổ chức tập "
                "huấn kỹ năng cho các thành viên, đồng thời lập nhóm trao đổi trực tuyến để kịp thời giải "
                "đáp vướng mắc. Thị trấn phấn đấu đến cuối năm có trên 80% người trưởng thành trên địa bàn "
                "sử dụng tài khoản định danh điện tử và dịch vụ công trực tuyến."
            ),
        ],
        "caption": "Thành viên Tổ công nghệ số cộng đồng hướng dẫn người cao tuổi cài đặt ứng dụng.",
        "byline": "Thùy Dung",
        "source": "UBND thị trấn Hương An",
        "category": "chinh-quyen",
        "tags": ["chuyển đổi số"],
        "featured": False,
        "days_ago": 63,
        "picture": 7,
    },
    {
        "title": "Hương An tổ chức chương trình Vui Tết Trung thu, trao quà cho thiếu nhi có hoàn cảnh khó khăn",
        "lead": (
            "Nhân dịp Tết Trung thu, tối ngày {day:-1}, UBND thị trấn Hương An phối hợp với Đoàn Thanh niên thị "
            'trấn tổ chức chương trình "Vui Tết Trung thu" cho hơn 500 thiếu nhi trên địa bàn.'
        ),
        "body": [
            (
                "Chương trình diễn ra tại sân Trung tâm Văn hóa - Thể thao thị trấn với nhiều hoạt động hấp "
                "dẫn như văn nghệ, múa lân, thi làm lồng đèn, bày mâm cỗ Trung thu và rước đèn quanh các "
                "tuyến phố. Từ chiều, các em thiếu nhi cùng phụ huynh đã háo hức có mặt, mang theo những "
                "chiếc lồng đèn ông sao, đèn cá chép rực rỡ sắc màu."
            ),
            (
                "Phần thi bày mâm cỗ Trung thu giữa các chi đội, khu phố thu hút sự quan tâm của đông đảo "
                "khán giả. Các mâm cỗ được trang trí công phu từ trái cây, bánh kẹo, với những hình con vật "
                "được tạo tác khéo léo, thể hiện sự sáng tạo của các em. Đội múa lân của khu phố Đông Hương "
                "mang đến những màn biểu diễn sôi động, tạo không khí rộn ràng."
            ),
            (
                "Nhân dịp này, lãnh đạo UBND thị trấn cùng các nhà hảo tâm đã trao 60 suất quà gồm bánh "
                "Trung thu, lồng đèn, sách vở và tiền mặt cho các em thiếu nhi có hoàn cảnh khó khăn, mồ "
                "côi, khuyết tật. Em Trần Gia Huy, học sinh lớp 4 Trường Tiểu học Hương An, vui mừng nói: "
                '"Em rất thích đêm hội hôm nay, được rước đèn cùng các bạn và nhận quà, em sẽ cố gắng học '
                'thật giỏi."'
            ),
            (
                "Theo đại diện Đoàn Thanh niên thị trấn, chương trình không chỉ mang lại niềm vui cho các em "
                "thiếu nhi mà còn góp phần giữ gìn, phát huy những nét đẹp văn hóa truyền thống của dân tộc. "
                "Đây cũng là dịp để gia đình, nhà trường và xã hội cùng quan tâm, chăm lo cho thế hệ măng "
                "non, nhất là những em có hoàn cảnh khó khăn."
            ),
        ],
        "caption": "Thiếu nhi rước đèn Trung thu quanh các tuyến phố.",
        "byline": "Hải Yến",
        "source": "Đoàn Thanh niên thị trấn Hương An",
        "category": "van-hoa-the-thao",
        "tags": ["văn hóa", "thiếu nhi"],
        "featured": False,
        "days_ago": 64,
        "picture": 4,
    },
    {
        "title": "Vốn vay ưu đãi giúp nhiều hộ cận nghèo ở Hương An phát triển sinh kế, ổn định cuộc sống",
        "lead": (
            "Thông qua các tổ tiết kiệm và vay vốn, nguồn vốn tín dụng chính sách đã đến đúng đối tượng, "
            "giúp nhiều hộ nghèo, hộ cận nghèo ở thị trấn Hương An đầu tư chăn nuôi, buôn bán nhỏ và từng "
            "bước ổn định cuộc sống."
        ),
        "body": [
            (
                "Hiện nay, trên địa bàn thị trấn Hương An có 9 tổ tiết kiệm và vay vốn hoạt động dưới sự ủy "
                "thác của các hội đoàn thể. Tổng dư nợ các chương trình tín dụng chính sách đạt hơn 28 tỷ "
                "đồng với gần 600 hộ còn dư nợ. Các chương trình chủ yếu gồm cho vay hộ nghèo, hộ cận nghèo, "
                "hộ mới thoát nghèo, học sinh sinh viên, giải quyết việc làm và nước sạch, vệ sinh môi "
                "trường nông thôn."
            ),
            (
                "Gia đình chị Phạm Thị Thu ở khu phố Tây An từng thuộc diện hộ cận nghèo. Năm trước, chị "
                "được vay 50 triệu đồng từ chương trình cho vay hộ cận nghèo để đầu tư chuồng trại, mua heo "
                "giống. Nhờ chịu khó học hỏi kỹ thuật chăn nuôi, đến nay đàn heo của gia đình đã phát triển "
                "ổn định, mỗi năm xuất bán hai lứa, trừ chi phí còn lãi khoảng 40 triệu đồng."
            ),
            (
                "Theo đại diện Phòng giao dịch Ngân hàng Chính sách xã hội huyện Quế Sơn, các tổ tiết kiệm "
                "và vay vốn ở Hương An hoạt động khá nề nếp, việc bình xét cho vay được thực hiện công khai, "
                "dân chủ tại khu dân cư. Tỷ lệ nợ quá hạn ở mức thấp, người vay có ý thức sử dụng vốn đúng "
                "mục đích và trả lãi đầy đủ, đúng hạn."
            ),
            (
                "Thời gian tới, thị trấn sẽ tiếp tục phối hợp với ngân hàng rà soát nhu cầu vay vốn của "
                "người dân, ưu tiên các hộ có phương án sản xuất khả thi. Các hội đoàn thể nhận ủy thác sẽ "
                "gắn việc cho vay với tập huấn chuyển giao kỹ thuật, hướng dẫn cách làm ăn để đồng vốn phát "
                "huy hiệu quả cao nhất, giúp người dân thoát nghèo và không tái nghèo."
            ),
        ],
        "caption": "Mô hình chăn nuôi heo của một hộ vay vốn ở khu phố Tây An.",
        "byline": "Bảo Trâm",
        "source": "",
        "category": "kinh-te-xa-hoi",
        "tags": ["an sinh xã hội", "giảm nghèo"],
        "featured": False,
        "days_ago": 67,
        "picture": 7,
    },
    {
        "title": "Thông báo lịch tiếp công dân định kỳ của lãnh đạo UBND thị trấn Hương An trong quý IV",
        "lead": (
            "UBND thị trấn Hương An thông báo lịch tiếp công dân định kỳ của Chủ tịch và các Phó Chủ tịch "
            "UBND thị trấn trong các tháng {month:+0}, {month:+0:1} và {month:+0:2} để nhân dân biết, liên hệ khi có nhu cầu phản ánh, "
            "kiến nghị."
        ),
        "body": [
            (
                "Căn cứ Luật Tiếp công dân và các văn bản hướng dẫn thi hành, UBND thị trấn Hương An xây "
                "dựng lịch tiếp công dân định kỳ trong quý IV. Theo đó, Chủ tịch UBND thị trấn tiếp công dân "
                "vào ngày thứ Năm của tuần thứ hai hằng tháng; các Phó Chủ tịch UBND thị trấn tiếp công dân "
                "vào ngày thứ Ba của tuần thứ nhất và tuần thứ ba hằng tháng, theo lĩnh vực được phân công "
                "phụ trách."
            ),
            (
                "Địa điểm tiếp công dân tại phòng tiếp công dân, trụ sở UBND thị trấn Hương An. Thời gian "
                "buổi sáng từ 7 giờ 30 đến 11 giờ, buổi chiều từ 13 giờ 30 đến 17 giờ. Trường hợp ngày tiếp "
                "công dân định kỳ trùng với ngày nghỉ lễ hoặc lãnh đạo có lịch công tác đột xuất, UBND thị "
                "trấn sẽ thông báo lịch tiếp bổ sung trên hệ thống truyền thanh và Cổng thông tin điện tử."
            ),
            (
                "Ngoài lịch tiếp định kỳ, công chức được phân công tiếp công dân thường xuyên có mặt tại "
                "phòng tiếp công dân trong tất cả các ngày làm việc để tiếp nhận, hướng dẫn, xử lý đơn thư "
                "của công dân. Công dân đến phản ánh, kiến nghị cần mang theo giấy tờ tùy thân và các tài "
                "liệu có liên quan đến nội dung trình bày (nếu có)."
            ),
            (
                "Trường hợp nhiều người cùng phản ánh, kiến nghị về một nội dung thì cử đại diện để trình "
                "bày. Công dân có trách nhiệm trình bày trung thực sự việc, chấp hành nội quy nơi tiếp công "
                "dân và sự hướng dẫn của người tiếp công dân. UBND thị trấn thông báo để nhân dân trên địa "
                "bàn được biết và thực hiện. Không tiếp những người đang trong tình trạng say rượu, bia hoặc "
                "có hành vi gây rối trật tự tại nơi tiếp công dân."
            ),
        ],
        "caption": "Phòng tiếp công dân tại trụ sở UBND thị trấn Hương An.",
        "byline": "Thùy Dung",
        "source": "UBND thị trấn Hương An",
        "category": "thong-bao",
        "tags": ["tiếp công dân", "cải cách hành chính"],
        "featured": False,
        "days_ago": 68,
        "picture": 7,
    },
    {
        "title": "Quảng Nam chủ động phương án ứng phó mùa mưa bão, bảo đảm an toàn cho người dân vùng trũng thấp",
        "lead": (
            "UBND tỉnh Quảng Nam yêu cầu các sở, ngành và địa phương rà soát, cập nhật phương án ứng phó "
            "thiên tai, sẵn sàng sơ tán người dân ở khu vực thấp trũng, ven sông khi có mưa lớn kéo dài."
        ),
        "body": [
            (
                "Theo nhận định của cơ quan khí tượng thủy văn, mùa mưa bão năm nay có khả năng diễn biến "
                "phức tạp, lượng mưa tại khu vực Trung Bộ có thể cao hơn trung bình nhiều năm. Nguy cơ xảy "
                "ra lũ, ngập úng ở vùng hạ du và sạt lở đất ở khu vực miền núi là rất lớn, đòi hỏi các địa "
                "phương phải chủ động chuẩn bị từ sớm, từ xa."
            ),
            (
                "UBND tỉnh chỉ đạo các địa phương kiểm tra, rà soát toàn bộ hệ thống đê, kè, hồ chứa thủy "
                "lợi, công trình giao thông và các khu dân cư có nguy cơ ngập sâu, sạt lở. Đơn vị quản lý hồ "
                "chứa phải thực hiện nghiêm quy trình vận hành, thông báo kịp thời cho chính quyền và người "
                "dân vùng hạ du trước khi xả lũ, tuyệt đối không để bị động, bất ngờ."
            ),
            (
                "Các lực lượng quân sự, công an, y tế được yêu cầu bố trí lực lượng, phương tiện sẵn sàng "
                "tham gia cứu hộ, cứu nạn; ngành công thương chỉ đạo dự trữ hàng hóa thiết yếu, bảo đảm cung "
                "ứng cho các vùng có nguy cơ bị chia cắt. Ngành giáo dục chủ động phương án cho học sinh "
                "nghỉ học khi thời tiết nguy hiểm, bảo vệ hồ sơ, thiết bị dạy học."
            ),
            (
                "Tại huyện Quế Sơn, các xã, thị trấn đã hoàn thành việc kiện toàn ban chỉ huy phòng thủ dân "
                "sự cấp cơ sở. Thị trấn Hương An đã bố trí sẵn xuồng máy, áo phao tại các khu phố ven sông, "
                "tổ chức tuyên truyền trên loa truyền thanh để người dân chủ động gia cố nhà cửa, dự trữ "
                "lương thực, thực phẩm, nước uống trong mùa mưa."
            ),
        ],
        "caption": "Lực lượng chức năng kiểm tra phương tiện cứu hộ trước mùa mưa bão.",
        "byline": "Trọng Nghĩa",
        "source": "",
        "category": "tin-trong-tinh",
        "tags": ["phòng chống thiên tai"],
        "featured": False,
        "days_ago": 72,
        "picture": 3,
    },
    {
        "title": "Thị trấn Hương An tổ chức diễn tập ứng phó lũ lụt và tìm kiếm cứu nạn trước mùa mưa bão",
        "lead": (
            "Sáng ngày {day:-1}, UBND thị trấn Hương An tổ chức diễn tập ứng phó lũ lụt và tìm kiếm cứu nạn với "
            "sự tham gia của gần 150 người thuộc các lực lượng quân sự, công an, y tế, đoàn thể và nhân dân."
        ),
        "body": [
            (
                "Cuộc diễn tập được xây dựng theo tình huống giả định: do ảnh hưởng của áp thấp nhiệt đới, "
                "trên địa bàn có mưa rất to kéo dài, mực nước sông dâng cao vượt mức báo động 3, nhiều tuyến "
                "đường bị ngập sâu, một số hộ dân ở khu phố Tây An bị cô lập. Ban Chỉ huy Phòng thủ dân sự "
                "thị trấn đã khẩn trương họp, triển khai phương án ứng phó theo cấp độ rủi ro thiên tai."
            ),
            (
                "Theo đó, lực lượng dân quân, công an thị trấn nhanh chóng dùng xuồng máy tiếp cận khu vực "
                "bị ngập, sơ tán người già, trẻ em và người khuyết tật đến nơi an toàn. Tổ y tế cơ động thực "
                "hiện sơ cứu cho người bị thương, trong khi các đoàn thể tổ chức tiếp nhận, bố trí chỗ ở "
                "tạm, cung cấp nước uống, lương thực cho các hộ dân tại điểm sơ tán tập trung là Trường THCS "
                "Hương An."
            ),
            (
                "Tình huống tìm kiếm người bị nước cuốn trôi cũng được các lực lượng phối hợp xử lý nhịp "
                "nhàng, đúng quy trình. Sau khi đưa nạn nhân vào bờ, tổ y tế tiến hành hô hấp nhân tạo, ép "
                "tim ngoài lồng ngực rồi chuyển lên tuyến trên. Toàn bộ cuộc diễn tập diễn ra an toàn, sát "
                "với thực tế địa bàn. Nhiều người dân tại khu vực diễn tập đã đến theo dõi và được hướng dẫn "
                "cách sử dụng áo phao, phao cứu sinh."
            ),
            (
                "Phát biểu tổng kết, ông Nguyễn Văn Thành, Chủ tịch UBND thị trấn, Trưởng Ban Chỉ huy Phòng "
                "thủ dân sự thị trấn, đánh giá cuộc diễn tập đạt mục đích, yêu cầu đề ra. Qua diễn tập đã "
                "kiểm nghiệm tính khả thi của phương án, nâng cao khả năng chỉ huy, hiệp đồng giữa các lực "
                "lượng và ý thức chủ động phòng tránh thiên tai của người dân."
            ),
        ],
        "caption": "Lực lượng dân quân dùng xuồng máy sơ tán người dân trong buổi diễn tập.",
        "byline": "Đức Thắng",
        "source": "Ban Chỉ huy Quân sự thị trấn Hương An",
        "category": "chinh-quyen",
        "tags": ["phòng chống thiên tai"],
        "featured": False,
        "days_ago": 79,
        "picture": 3,
    },
    {
        "title": "Ban Chỉ huy Phòng thủ dân sự huyện Quế Sơn kiểm tra công tác chuẩn bị ứng phó mùa mưa bão ở cơ sở",
        "lead": (
            "Trước diễn biến phức tạp của thời tiết, đoàn kiểm tra của Ban Chỉ huy Phòng thủ dân sự huyện "
            "Quế Sơn vừa kiểm tra thực tế công tác chuẩn bị phòng chống thiên tai tại thị trấn Hương An và "
            "một số xã vùng trũng."
        ),
        "body": [
            (
                "Đoàn đã kiểm tra hồ sơ, phương án ứng phó thiên tai theo cấp độ rủi ro, kế hoạch sơ tán "
                "dân, công tác chuẩn bị vật tư, phương tiện cứu hộ cứu nạn và lương thực, thực phẩm dự trữ "
                "tại các địa phương. Đồng thời, đoàn đi kiểm tra thực tế các điểm xung yếu như khu dân cư "
                "ven sông, các tuyến đường thường xuyên bị ngập sâu và một số hồ chứa nhỏ trên địa bàn."
            ),
            (
                "Tại thị trấn Hương An, địa phương đã kiện toàn Ban Chỉ huy Phòng thủ dân sự, phân công "
                "nhiệm vụ cụ thể cho từng thành viên phụ trách các khu phố. Thị trấn đã rà soát và lập danh "
                "sách hơn 120 hộ dân sống ở vùng thấp trũng cần di dời khi có lũ lớn, bố trí các điểm sơ tán "
                "tập trung tại trường học, nhà văn hóa khu phố kiên cố. Lực lượng xung kích, dân quân được "
                "tập huấn kỹ năng cứu hộ, sơ cấp cứu."
            ),
            (
                "Qua kiểm tra, đoàn đánh giá các địa phương đã chủ động triển khai công tác phòng chống "
                'thiên tai theo phương châm "bốn tại chỗ". Tuy vậy, một số nơi còn thiếu áo phao, phao cứu '
                "sinh và máy phát điện dự phòng; một số đoạn kênh mương, cống thoát nước bị bồi lấp, cần sớm "
                "nạo vét để bảo đảm tiêu thoát nước khi mưa lớn."
            ),
            (
                "Đoàn đề nghị các địa phương khẩn trương khắc phục những tồn tại, hoàn thành trước ngày "
                "{day:+20}; tổ chức trực ban nghiêm túc, theo dõi sát diễn biến thời tiết để kịp thời thông tin, "
                "cảnh báo đến người dân. Đặc biệt, cần kiên quyết di dời người dân ra khỏi khu vực nguy hiểm "
                "khi có thiên tai, không để người dân qua lại những nơi nước chảy xiết."
            ),
        ],
        "caption": "Đoàn kiểm tra khảo sát khu dân cư ven sông tại thị trấn Hương An.",
        "byline": "Đức Thắng",
        "source": "",
        "category": "tin-trong-huyen",
        "tags": ["phòng chống thiên tai"],
        "featured": False,
        "days_ago": 83,
        "picture": 3,
    },
    {
        "title": "Quế Sơn triển khai tiêm vắc xin sởi bổ sung cho trẻ em tại các xã, thị trấn",
        "lead": (
            "Từ ngày {day:-1}, Trung tâm Y tế huyện Quế Sơn phối hợp với các trạm y tế tổ chức tiêm vắc xin sởi "
            "bổ sung cho trẻ từ 1 đến 5 tuổi chưa tiêm đủ mũi, nhằm chủ động phòng bệnh trong cộng đồng."
        ),
        "body": [
            (
                "Theo Trung tâm Y tế huyện, qua rà soát, trên địa bàn còn một số trẻ trong độ tuổi chưa được "
                "tiêm hoặc tiêm chưa đủ mũi vắc xin có chứa thành phần sởi do nhiều nguyên nhân như trẻ bị "
                "ốm vào thời điểm tiêm chủng định kỳ, gia đình đi làm ăn xa hoặc chuyển nơi cư trú. Đây là "
                "nhóm đối tượng có nguy cơ mắc bệnh cao nếu có ca bệnh xâm nhập vào cộng đồng."
            ),
            (
                "Chiến dịch được triển khai theo hình thức cuốn chiếu tại các trạm y tế xã, thị trấn và các "
                "điểm tiêm lưu động tại trường mầm non. Trước khi tiêm, trẻ được khám sàng lọc kỹ; sau tiêm "
                "được theo dõi tại chỗ 30 phút. Mỗi điểm tiêm đều bố trí đầy đủ hộp chống sốc, thuốc và "
                "phương tiện cấp cứu theo quy định của Bộ Y tế."
            ),
            (
                "Tại Trạm Y tế thị trấn Hương An, ngay trong buổi sáng đầu tiên đã có gần 50 trẻ được phụ "
                "huynh đưa đến tiêm. Bác sĩ Võ Thị Hồng Nhung, Trưởng Trạm Y tế thị trấn, cho biết trạm đã "
                "phối hợp với trưởng các khu phố, cộng tác viên dân số thông báo đến từng hộ gia đình có trẻ "
                "thuộc diện tiêm, đồng thời bố trí thêm nhân lực để người dân không phải chờ đợi lâu."
            ),
            (
                "Ngành y tế khuyến cáo phụ huynh kiểm tra sổ tiêm chủng của con, đưa trẻ đi tiêm đúng lịch, "
                "đủ mũi. Khi trẻ có biểu hiện sốt, phát ban, ho, chảy nước mũi, viêm kết mạc, gia đình cần "
                "đưa trẻ đến cơ sở y tế gần nhất để được khám, tư vấn và điều trị kịp thời, tránh tự ý điều "
                "trị tại nhà. Gia đình cũng cần cho trẻ nghỉ học, hạn chế tiếp xúc với trẻ khác để phòng lây "
                "lan trong cộng đồng."
            ),
        ],
        "caption": "Nhân viên y tế khám sàng lọc cho trẻ trước khi tiêm.",
        "byline": "Thu Hà",
        "source": "Trung tâm Y tế huyện Quế Sơn",
        "category": "tin-trong-huyen",
        "tags": ["y tế", "tiêm chủng"],
        "featured": False,
        "days_ago": 94,
        "picture": 5,
    },
    {
        "title": "Quế Sơn khánh thành điểm trường mầm non mới tại thị trấn Hương An, đón gần 150 trẻ đến lớp",
        "lead": (
            "Sáng ngày {day:-1}, UBND huyện Quế Sơn tổ chức lễ khánh thành và đưa vào sử dụng điểm trường mới của "
            "Trường Mầm non Hương An, đáp ứng nhu cầu gửi trẻ ngày càng tăng của người dân trên địa bàn."
        ),
        "body": [
            (
                "Công trình được khởi công từ đầu năm với tổng mức đầu tư khoảng 6,5 tỷ đồng từ nguồn ngân "
                "sách huyện và vốn Chương trình mục tiêu quốc gia xây dựng nông thôn mới. Điểm trường gồm "
                "dãy nhà hai tầng với 6 phòng học, phòng đa năng, nhà bếp một chiều, khu vệ sinh khép kín "
                "cùng sân chơi, cổng, tường rào và hệ thống cây xanh."
            ),
            (
                "Các phòng học được trang bị đầy đủ bàn ghế, đồ dùng, đồ chơi theo tiêu chuẩn, bảo đảm ánh "
                "sáng và thông thoáng. Khu bếp được thiết kế theo quy trình một chiều, có tủ lưu mẫu thức "
                "ăn, góp phần bảo đảm an toàn vệ sinh thực phẩm cho trẻ bán trú. Sân chơi ngoài trời được "
                "lát cỏ nhân tạo, bố trí các thiết bị vận động phù hợp với lứa tuổi mầm non."
            ),
            (
                "Cô Huỳnh Thị Thu Sương, Hiệu trưởng Trường Mầm non Hương An, cho biết trước đây nhà trường "
                "phải bố trí nhiều lớp ghép, phòng học chật chội, có thời điểm không đủ chỗ tiếp nhận trẻ "
                "dưới 3 tuổi. Điểm trường mới đi vào hoạt động giúp nhà trường tiếp nhận thêm gần 150 trẻ, "
                "giảm sĩ số mỗi lớp và tổ chức tốt hơn các hoạt động vui chơi, học tập."
            ),
            (
                "Phát biểu tại buổi lễ, đại diện lãnh đạo UBND huyện đề nghị nhà trường sử dụng, bảo quản "
                "tốt cơ sở vật chất được đầu tư, không ngừng nâng cao chất lượng chăm sóc, nuôi dưỡng và "
                "giáo dục trẻ. Huyện cũng yêu cầu chính quyền thị trấn tiếp tục quan tâm, phối hợp với nhà "
                "trường xây dựng môi trường giáo dục an toàn, thân thiện."
            ),
        ],
        "caption": "Các cháu mầm non vui chơi tại sân trường mới.",
        "byline": "Thùy Dung",
        "source": "UBND huyện Quế Sơn",
        "category": "tin-trong-huyen",
        "tags": ["giáo dục", "nông thôn mới"],
        "featured": False,
        "days_ago": 95,
        "picture": 2,
    },
    {
        "title": "Sở Giáo dục và Đào tạo Quảng Nam triển khai nhiệm vụ năm học mới, chú trọng chất lượng dạy và học",
        "lead": (
            "Hội nghị triển khai nhiệm vụ năm học mới của ngành giáo dục tỉnh Quảng Nam đã đề ra nhiều giải "
            "pháp trọng tâm, trong đó chú trọng đổi mới phương pháp dạy học, ứng dụng công nghệ thông tin và "
            "chăm lo đội ngũ giáo viên."
        ),
        "body": [
            (
                "Theo đánh giá tại hội nghị, năm học vừa qua, ngành giáo dục tỉnh đã hoàn thành tốt các "
                "nhiệm vụ đề ra. Mạng lưới trường lớp tiếp tục được sắp xếp hợp lý, cơ sở vật chất được cải "
                "thiện; chất lượng giáo dục toàn diện có chuyển biến tích cực, tỷ lệ học sinh tốt nghiệp "
                "trung học phổ thông đạt cao. Nhiều học sinh đạt giải trong các kỳ thi học sinh giỏi cấp "
                "quốc gia."
            ),
            (
                "Bước vào năm học mới, ngành đặt mục tiêu tiếp tục thực hiện hiệu quả Chương trình giáo dục "
                "phổ thông, nâng cao chất lượng dạy học ngoại ngữ, tin học và giáo dục kỹ năng sống cho học "
                "sinh. Các trường được yêu cầu đẩy mạnh chuyển đổi số trong quản lý, sử dụng học bạ số, sổ "
                "điểm điện tử và triển khai thu học phí không dùng tiền mặt."
            ),
            (
                "Bên cạnh đó, ngành sẽ tập trung rà soát, bố trí đủ giáo viên cho các môn học còn thiếu, "
                "nhất là ở vùng khó khăn; tăng cường bồi dưỡng chuyên môn, nghiệp vụ cho đội ngũ. Công tác "
                "bảo đảm an toàn trường học, phòng chống bạo lực học đường, đuối nước và tai nạn thương tích "
                "cho học sinh tiếp tục được xác định là nhiệm vụ thường xuyên."
            ),
            (
                "Tại huyện Quế Sơn, các trường học trên địa bàn thị trấn Hương An đã hoàn tất công tác tuyển "
                "sinh, sắp xếp lớp học và chuẩn bị đầy đủ sách giáo khoa, thiết bị dạy học. Các nhà trường "
                "cũng tổ chức tổng vệ sinh, tu sửa bàn ghế, phòng học, bảo đảm điều kiện tốt nhất để học "
                "sinh bước vào năm học mới. Chính quyền thị trấn cũng chỉ đạo lực lượng chức năng tăng cường "
                "bảo đảm trật tự an toàn giao thông tại cổng các trường vào giờ cao điểm."
            ),
        ],
        "caption": "Học sinh thị trấn Hương An trong ngày đầu năm học mới.",
        "byline": "Hải Yến",
        "source": "",
        "category": "tin-trong-tinh",
        "tags": ["giáo dục", "chuyển đổi số", "an toàn giao thông"],
        "featured": False,
        "days_ago": 104,
        "picture": 2,
    },
    {
        "title": "Nông dân Hương An phấn khởi thu hoạch lúa vụ Hè Thu, năng suất ước đạt hơn 60 tạ mỗi héc-ta",
        "lead": (
            "Những ngày này, trên các cánh đồng ở thị trấn Hương An, bà con nông dân đang khẩn trương thu "
            "hoạch lúa vụ Hè Thu. Nhờ thời tiết thuận lợi và áp dụng tốt kỹ thuật canh tác, vụ lúa năm nay "
            "cho năng suất khá cao."
        ),
        "body": [
            (
                "Vụ Hè Thu năm nay, toàn thị trấn gieo sạ hơn 250 ha lúa, chủ yếu là các giống lúa ngắn "
                "ngày, năng suất cao, chống chịu sâu bệnh tốt. Trong suốt quá trình sinh trưởng, cây lúa "
                "phát triển đồng đều, ít bị sâu bệnh gây hại. Theo ước tính của bộ phận nông nghiệp thị "
                "trấn, năng suất bình quân đạt trên 60 tạ/ha, cao hơn vụ cùng kỳ năm trước."
            ),
            (
                "Trên cánh đồng mẫu khu phố An Hòa, tiếng máy gặt đập liên hợp rộn ràng từ sáng sớm. Ông "
                'Đinh Văn Quang, một nông dân có hơn 5 sào lúa, vui vẻ cho biết: "Năm nay lúa trúng, hạt '
                "chắc, lại có máy gặt vào tận ruộng nên chỉ một buổi là xong. Thương lái đến mua lúa tươi "
                'ngay tại đồng, bà con đỡ được nhiều công phơi sấy."'
            ),
            (
                "Để đạt được kết quả này, ngay từ đầu vụ, UBND thị trấn đã chỉ đạo hợp tác xã nông nghiệp bố "
                "trí lịch thời vụ tập trung, điều tiết nước tưới hợp lý. Cán bộ khuyến nông thường xuyên "
                "thăm đồng, hướng dẫn bà con bón phân cân đối, áp dụng biện pháp quản lý dịch hại tổng hợp, "
                "hạn chế sử dụng thuốc bảo vệ thực vật."
            ),
            (
                "Sau thu hoạch, thị trấn khuyến cáo nông dân không đốt rơm rạ trên đồng ruộng để bảo vệ môi "
                "trường, tận dụng rơm làm thức ăn cho gia súc hoặc ủ phân hữu cơ. Bộ phận nông nghiệp cũng "
                "đang phối hợp với hợp tác xã vệ sinh đồng ruộng, nạo vét kênh mương, chuẩn bị tốt các điều "
                "kiện cho sản xuất vụ Đông Xuân sắp tới."
            ),
        ],
        "caption": "Nông dân thu hoạch lúa vụ Hè Thu trên cánh đồng khu phố An Hòa.",
        "byline": "Hoàng Long",
        "source": "",
        "category": "kinh-te-xa-hoi",
        "tags": ["nông nghiệp"],
        "featured": False,
        "days_ago": 110,
        "picture": 1,
    },
]
