"""A NukeViet 4.5 news site in MariaDB, for the import's tests and bench: the tables as NukeViet's
installer makes them (DDL adapted from modules/news/action_mysql.php, modules/users/action_mysql.php
and install/action_mysql.php of nukeviet/nukeviet), filled with our own Vietnamese rows."""

import base64
import hashlib
import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa
from PIL import Image

NEWS_TABLES = {
    "cat": """catid smallint(5) unsigned NOT NULL AUTO_INCREMENT, parentid smallint(5) unsigned NOT NULL DEFAULT '0',
      title varchar(250) NOT NULL, titlesite varchar(250) DEFAULT '', alias varchar(250) NOT NULL DEFAULT '',
      description text, descriptionhtml text, image varchar(255) DEFAULT '', viewdescription tinyint(2) NOT NULL DEFAULT '0',
      weight smallint(5) unsigned NOT NULL DEFAULT '0', sort smallint(5) NOT NULL DEFAULT '0', lev smallint(5) NOT NULL DEFAULT '0',
      viewcat varchar(50) NOT NULL DEFAULT 'viewcat_page_new', numsubcat smallint(5) NOT NULL DEFAULT '0',
      subcatid varchar(255) DEFAULT '', numlinks tinyint(2) unsigned NOT NULL DEFAULT '3',
      newday tinyint(2) unsigned NOT NULL DEFAULT '2', featured int(11) NOT NULL DEFAULT '0',
      ad_block_cat varchar(255) NOT NULL DEFAULT '', layout_func varchar(100) NOT NULL DEFAULT '', keywords text, admins text,
      add_time int(11) unsigned NOT NULL DEFAULT '0', edit_time int(11) unsigned NOT NULL DEFAULT '0',
      groups_view varchar(255) DEFAULT '', status smallint(4) NOT NULL DEFAULT '1',
      PRIMARY KEY (catid), UNIQUE KEY alias (alias), KEY parentid (parentid), KEY status (status)""",
    "sources": """sourceid mediumint(8) unsigned NOT NULL AUTO_INCREMENT, title varchar(250) NOT NULL DEFAULT '',
      link varchar(255) DEFAULT '', logo varchar(255) DEFAULT '', weight mediumint(8) unsigned NOT NULL DEFAULT '0',
      add_time int(11) unsigned NOT NULL, edit_time int(11) unsigned NOT NULL, PRIMARY KEY (sourceid), UNIQUE KEY title (title)""",
    "block_cat": """bid smallint(5) unsigned NOT NULL AUTO_INCREMENT, adddefault tinyint(4) NOT NULL DEFAULT '0',
      numbers smallint(5) NOT NULL DEFAULT '10', title varchar(250) NOT NULL DEFAULT '', alias varchar(250) NOT NULL DEFAULT '',
      image varchar(255) DEFAULT '', description varchar(255) DEFAULT '', weight smallint(5) NOT NULL DEFAULT '0', keywords text,
      add_time int(11) NOT NULL DEFAULT '0', edit_time int(11) NOT NULL DEFAULT '0', PRIMARY KEY (bid), UNIQUE KEY title (title)""",
    "block": """bid smallint(5) unsigned NOT NULL, id int(11) unsigned NOT NULL, weight int(11) unsigned NOT NULL,
      UNIQUE KEY bid (bid,id)""",
    "rows": """id int(11) unsigned NOT NULL auto_increment, catid smallint(5) unsigned NOT NULL default '0',
      listcatid varchar(255) NOT NULL default '', topicid smallint(5) unsigned NOT NULL default '0',
      admin_id mediumint(8) unsigned NOT NULL default '0', author varchar(250) default '', sourceid mediumint(8) NOT NULL default '0',
      addtime int(11) unsigned NOT NULL default '0', edittime int(11) unsigned NOT NULL default '0',
      status tinyint(4) NOT NULL default '1', weight int(11) unsigned NOT NULL default '0',
      publtime int(11) unsigned NOT NULL default '0', exptime int(11) unsigned NOT NULL default '0',
      archive tinyint(1) unsigned NOT NULL default '0', title varchar(250) NOT NULL default '', alias varchar(250) NOT NULL default '',
      hometext text NOT NULL, homeimgfile varchar(255) default '', homeimgalt varchar(255) default '',
      homeimgthumb tinyint(4) NOT NULL default '0', inhome tinyint(1) unsigned NOT NULL default '0',
      allowed_comm varchar(255) default '', allowed_rating tinyint(1) unsigned NOT NULL default '0',
      external_link tinyint(1) unsigned NOT NULL default '0', hitstotal mediumint(8) unsigned NOT NULL default '0',
      hitscm mediumint(8) unsigned NOT NULL default '0', total_rating int(11) NOT NULL default '0',
      click_rating int(11) NOT NULL default '0', instant_active tinyint(1) NOT NULL default '0',
      instant_template varchar(100) NOT NULL default '', instant_creatauto tinyint(1) NOT NULL default '0',
      PRIMARY KEY (id), KEY catid (catid), KEY admin_id (admin_id), KEY publtime (publtime), KEY status (status)""",
    "detail": """id int(11) unsigned NOT NULL, titlesite varchar(255) NOT NULL DEFAULT '', description text NOT NULL,
      bodyhtml longtext NOT NULL, voicedata text NULL DEFAULT NULL, keywords varchar(255) default '',
      sourcetext varchar(255) default '', files TEXT NULL, imgposition tinyint(1) NOT NULL default '1',
      layout_func varchar(100) DEFAULT '', copyright tinyint(1) NOT NULL default '0',
      allowed_send tinyint(1) NOT NULL default '0', allowed_print tinyint(1) NOT NULL default '0',
      allowed_save tinyint(1) NOT NULL default '0', PRIMARY KEY (id)""",
    "admins": """userid mediumint(8) unsigned NOT NULL default '0', catid smallint(5) NOT NULL default '0',
      admin tinyint(4) NOT NULL default '0', add_content tinyint(4) NOT NULL default '0',
      pub_content tinyint(4) NOT NULL default '0', edit_content tinyint(4) NOT NULL default '0',
      del_content tinyint(4) NOT NULL default '0', app_content tinyint(4) NOT NULL default '0', UNIQUE KEY userid (userid,catid)""",
    "tags": """tid mediumint(8) unsigned NOT NULL AUTO_INCREMENT, numnews mediumint(8) NOT NULL DEFAULT '0',
      title varchar(250) NOT NULL DEFAULT '', alias varchar(250) NOT NULL DEFAULT '', image varchar(255) DEFAULT '',
      description text, keywords varchar(255) DEFAULT '', PRIMARY KEY (tid), UNIQUE KEY alias (alias)""",
    "tags_id": """id int(11) NOT NULL, tid mediumint(9) NOT NULL, keyword varchar(65) NOT NULL,
      UNIQUE KEY id_tid (id,tid), KEY tid (tid)""",
}
GLOBAL_TABLES = {
    "users": """userid mediumint(8) unsigned NOT NULL AUTO_INCREMENT, group_id smallint(5) unsigned NOT NULL DEFAULT '0',
      username varchar(100) NOT NULL DEFAULT '', md5username char(32) NOT NULL DEFAULT '', password varchar(150) NOT NULL DEFAULT '',
      email varchar(100) NOT NULL DEFAULT '', first_name varchar(100) NOT NULL DEFAULT '', last_name varchar(100) NOT NULL DEFAULT '',
      gender char(1) DEFAULT '', photo varchar(255) DEFAULT '', birthday int(11) NOT NULL, sig text,
      regdate int(11) NOT NULL DEFAULT '0', question varchar(255) NOT NULL, answer varchar(255) NOT NULL DEFAULT '',
      passlostkey varchar(50) DEFAULT '', view_mail tinyint(1) unsigned NOT NULL DEFAULT '0',
      remember tinyint(1) unsigned NOT NULL DEFAULT '0', in_groups varchar(255) DEFAULT '',
      active tinyint(1) unsigned NOT NULL DEFAULT '0', active2step tinyint(1) unsigned NOT NULL DEFAULT '0',
      secretkey varchar(20) DEFAULT '', checknum varchar(40) DEFAULT '', last_login int(11) unsigned NOT NULL DEFAULT '0',
      last_ip varchar(45) DEFAULT '', last_agent varchar(255) DEFAULT '', last_openid varchar(255) DEFAULT '',
      last_update int(11) unsigned NOT NULL DEFAULT '0', idsite int(11) NOT NULL DEFAULT '0',
      safemode tinyint(1) unsigned NOT NULL DEFAULT '0', safekey varchar(40) DEFAULT '',
      email_verification_time INT(11) NOT NULL DEFAULT '-1', active_obj varchar(50) NOT NULL DEFAULT 'SYSTEM',
      PRIMARY KEY (userid), UNIQUE KEY username (username), UNIQUE KEY md5username (md5username), UNIQUE KEY email (email)""",
    "authors": """admin_id int(11) unsigned NOT NULL, editor varchar(100) DEFAULT '', lev tinyint(1) unsigned NOT NULL DEFAULT '0',
      files_level varchar(255) DEFAULT '', position varchar(255) NOT NULL, main_module varchar(50) NOT NULL DEFAULT 'siteinfo',
      admin_theme varchar(100) NOT NULL DEFAULT '', addtime int(11) NOT NULL DEFAULT '0', edittime int(11) NOT NULL DEFAULT '0',
      is_suspend tinyint(1) unsigned NOT NULL DEFAULT '0', susp_reason text, pre_check_num varchar(40) NOT NULL DEFAULT '',
      pre_last_login int(11) unsigned NOT NULL DEFAULT '0', pre_last_ip varchar(45) DEFAULT '',
      pre_last_agent varchar(255) DEFAULT '', check_num varchar(40) NOT NULL DEFAULT '',
      last_login int(11) unsigned NOT NULL DEFAULT '0', last_ip varchar(45) DEFAULT '', last_agent varchar(255) DEFAULT '',
      PRIMARY KEY (admin_id)""",
}
MODULES_TABLE = """title varchar(50) NOT NULL, module_file varchar(50) NOT NULL DEFAULT '', module_data varchar(50) NOT NULL DEFAULT '',
  module_upload varchar(50) NOT NULL DEFAULT '', module_theme varchar(50) NOT NULL DEFAULT '', custom_title varchar(255) NOT NULL,
  admin_title varchar(255) DEFAULT '', set_time int(11) unsigned NOT NULL DEFAULT '0', main_file tinyint(1) unsigned NOT NULL DEFAULT '0',
  admin_file tinyint(1) unsigned NOT NULL DEFAULT '0', theme varchar(100) DEFAULT '', mobile varchar(100) DEFAULT '',
  description varchar(255) DEFAULT '', keywords text, groups_view varchar(255) NOT NULL, weight tinyint(3) unsigned NOT NULL DEFAULT '1',
  act tinyint(1) unsigned NOT NULL DEFAULT '0', admins varchar(4000) DEFAULT '', rss tinyint(4) NOT NULL DEFAULT '1',
  sitemap tinyint(4) NOT NULL DEFAULT '1', PRIMARY KEY (title)"""

ADMIN_PASSWORD = "Cầu tre làng An Bình 2024"
EDITOR_PASSWORD = "bien tap vien xa an binh"


def ssha(password: str, salt: bytes = b"a1b2") -> str:
    """A password hashed as NukeViet's Encryption::hash_password("{SSHA}") stores it."""
    return "{SSHA}" + base64.b64encode(hashlib.sha1(password.encode() + salt).digest() + salt).decode()  # noqa: S324


def picture(width: int = 640, height: int = 400, colour: tuple[int, int, int] = (30, 120, 200)) -> bytes:
    """A small JPEG with some detail, as a camera would give (with EXIF to be stripped)."""
    image = Image.new("RGB", (width, height), colour)
    for x in range(0, width, 40):
        image.paste((255, 220, 0), (x, 0, x + 8, height))
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "May anh cua xa"  # Make: must not survive the import
    image.save(buffer, "JPEG", quality=80, exif=exif)
    return buffer.getvalue()


@dataclass
class NukevietSite:
    """An old site: its database, table prefix and uploads/ folder."""

    url: str
    prefix: str
    uploads: Path

    @property
    def news(self) -> str:
        return f"{self.prefix}_vi_news"

    def engine(self) -> sa.Engine:
        return sa.create_engine(self.url)

    def create_tables(self) -> None:
        """Make NukeViet's tables under this prefix (dropping old ones of the same prefix)."""
        statements = [(f"{self.news}_{name}", ddl) for name, ddl in NEWS_TABLES.items()]
        statements += [(f"{self.prefix}_{name}", ddl) for name, ddl in GLOBAL_TABLES.items()]
        statements.append((f"{self.prefix}_vi_modules", MODULES_TABLE))
        with self.engine().begin() as connection:
            for table, ddl in statements:
                connection.exec_driver_sql(f"DROP TABLE IF EXISTS {table}")
                connection.exec_driver_sql(f"CREATE TABLE {table} ({ddl}) ENGINE=MyISAM DEFAULT CHARSET=utf8mb4")

    def drop_tables(self) -> None:
        """Remove every table of this prefix."""
        engine = self.engine()
        with engine.begin() as connection:
            for table in sa.inspect(engine).get_table_names():
                if table.startswith(f"{self.prefix}_"):
                    connection.exec_driver_sql(f"DROP TABLE {table}")
        engine.dispose()

    def insert(self, table: str, rows: list[dict]) -> None:
        """Insert rows into one of the site's tables ("rows" = <prefix>_vi_news_rows, "users" = <prefix>_users)."""
        name = f"{self.prefix}_{table}" if table in GLOBAL_TABLES or table == "vi_modules" else f"{self.news}_{table}"
        if not rows:
            return
        columns = list(rows[0])
        sql = f"INSERT INTO {name} ({', '.join(columns)}) VALUES ({', '.join('%s' for _ in columns)})"  # noqa: S608 (our own table names)
        engine = self.engine()
        with engine.begin() as connection:
            connection.exec_driver_sql(sql, [tuple(row[c] for c in columns) for row in rows])
        engine.dispose()

    def put_picture(self, path: str, data: bytes | None = None) -> None:
        """A file under uploads/."""
        file = self.uploads / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(data or picture())


def user_row(userid: int, username: str, password: str, email: str, first: str, last: str, regdate: int) -> dict:
    """A row of <prefix>_users with the columns NOT NULL needs."""
    return {
        "userid": userid, "username": username, "md5username": hashlib.md5(username.encode()).hexdigest(),  # noqa: S324
        "password": password, "email": email, "first_name": first, "last_name": last, "birthday": 0,
        "regdate": regdate, "question": "", "active": 1,
    }  # fmt: skip


def article_row(article_id: int, catid: int, title: str, alias: str, when: int, **extra) -> dict:
    """A row of _rows: published, on the home page, by the site's administrator unless told otherwise."""
    row = {
        "id": article_id, "catid": catid, "listcatid": str(catid), "admin_id": 1, "author": "", "sourceid": 0,
        "addtime": when, "edittime": when, "status": 1, "publtime": when, "exptime": 0, "title": title,
        "alias": alias, "hometext": "", "homeimgfile": "", "homeimgalt": "", "homeimgthumb": 0, "inhome": 1, "hitstotal": 0,
    }  # fmt: skip
    row.update(extra)
    return row


def detail_row(article_id: int, body: str, sourcetext: str = "") -> dict:
    return {"id": article_id, "titlesite": "", "description": "", "bodyhtml": body, "sourcetext": sourcetext}


def seconds(moment: datetime) -> int:
    return int(moment.timestamp())


# What the town's old site holds. Ids as NukeViet gave them; the texts are ours.
CATEGORIES = [
    (1, 0, "Tin tức - Sự kiện", "tin-tuc-su-kien", "Tin hoạt động của xã An Bình", 1),
    (2, 1, "Chính quyền", "chinh-quyen", "Hoạt động của HĐND và UBND xã", 1),
    (3, 0, "Kinh tế", "kinh-te", "", 2),
    (4, 3, "Nông nghiệp", "nong-nghiep", "Mùa vụ, giống cây trồng, chăn nuôi", 1),
    (5, 0, "Văn hóa - Xã hội", "van-hoa-xa-hoi", "", 3),
]
TAGS = [(1, "Nông thôn mới", "nong-thon-moi"), (2, "Chuyển đổi số", "chuyen-doi-so"), (3, "Lễ hội", "lễ-hội")]

BODY_WITH_PICTURES = """<p style="text-align: justify;">Sáng ngày 12/3, UBND xã An Bình tổ chức khánh thành cây cầu
bê tông bắc qua kênh Ba Xã, thay cho cây cầu tre đã dùng hơn hai mươi năm.&nbsp;</p>
<div style="text-align: center;"><img alt="Cầu mới" height="400" src="/uploads/news/2025_03/cau-moi.jpg" width="640" /></div>
<p style="text-align: center;"><em>Người dân đi qua cây cầu mới trong ngày khánh thành</em></p>
<p style="text-align: justify;">Công trình dài 36 mét, rộng 3,5 mét, do nhân dân và Nhà nước cùng làm.</p>
<p><img alt="Cắt băng" src="http://xa-anbinh.gov.vn/uploads/news/2025_03/cat-bang.jpg" style="width: 500px; height: 300px;" /></p>
<table border="1" cellpadding="1" cellspacing="1" style="width:100%"><tbody><tr><td>Kinh phí</td><td>1,2 tỷ đồng</td></tr></tbody></table>
<script>alert("cu")</script>
<p style="text-align: right;"><strong>Minh Anh</strong></p>"""

BODY_MISSING_PICTURE = """<p>Hội thi nấu bánh chưng truyền thống thu hút 12 đội tham gia.</p>
<p><img alt="" src="/uploads/news/2025_01/khong-con.jpg" /></p>"""


def fill_town(site: NukevietSite, now: datetime) -> None:
    """The old site of xã An Bình: a category tree, tags, staff with {SSHA} hashes, articles in every status."""
    site.create_tables()
    t = seconds(now)
    day = 86_400
    site.insert("cat", [
        {"catid": c, "parentid": p, "title": title, "alias": alias, "description": d, "weight": w, "sort": c,
         "featured": 0, "status": 1, "keywords": "", "admins": "", "descriptionhtml": ""}
        for c, p, title, alias, d, w in CATEGORIES
    ])  # fmt: skip
    site.insert("tags", [{"tid": tid, "title": title, "alias": alias, "numnews": 1} for tid, title, alias in TAGS])
    site.insert("sources", [{"sourceid": 1, "title": "Báo Nhân Dân", "add_time": t, "edit_time": t}])
    site.insert("users", [
        user_row(1, "quantri", ssha(ADMIN_PASSWORD), "quantri@anbinh.gov.vn", "Hùng", "Trần Văn", t - 900 * day),
        user_row(2, "bientap", ssha(EDITOR_PASSWORD, b"9f3c"), "bientap@anbinh.gov.vn", "Lan", "Lê Thị", t - 500 * day),
        user_row(3, "phongvien", ssha("phong vien"), "", "Minh", "Nguyễn", t - 100 * day),
        user_row(4, "bandoc", ssha("ban doc"), "bandoc@gmail.com", "Đọc", "Bạn", t - 10 * day),
    ])  # fmt: skip
    site.insert("authors", [
        {"admin_id": 1, "lev": 1, "position": "Quản trị tối cao", "is_suspend": 0},
        {"admin_id": 2, "lev": 3, "position": "Biên tập viên", "is_suspend": 0},
    ])  # fmt: skip
    site.insert("vi_modules", [
        {"title": "news", "module_file": "news", "module_data": "news", "module_upload": "news", "custom_title": "Tin tức",
         "groups_view": "6", "admins": "2", "act": 1},
    ])  # fmt: skip
    site.insert("block_cat", [{"bid": 1, "title": "Tin tiêu điểm", "alias": "tin-tieu-diem", "adddefault": 1}])
    site.insert("block", [{"bid": 1, "id": 101, "weight": 1}])
    site.insert("rows", [
        article_row(101, 2, "Khánh thành cầu bê tông qua kênh Ba Xã", "khanh-thanh-cau-be-tong-qua-kenh-ba-xa", t - 3 * day,
                    hometext="Cây cầu mới giúp hơn 300 hộ dân đi lại thuận tiện.", homeimgfile="2025_03/cau-moi.jpg",
                    homeimgalt="Cầu bê tông kênh Ba Xã", homeimgthumb=1, hitstotal=350, author="Minh Anh", sourceid=1),
        article_row(102, 4, "Lịch gieo sạ vụ Hè Thu", "lich-gieo-sa-vu-he-thu", t + 2 * day, status=2,
                    hometext="Xã khuyến cáo gieo sạ tập trung, né rầy.", admin_id=2),
        article_row(103, 5, "Thông báo lịch tiêm phòng đã qua", "thong-bao-lich-tiem-phong", t - 60 * day, status=3,
                    exptime=t - 30 * day),
        article_row(104, 3, "Bản nháp kế hoạch chợ phiên", "ban-nhap-ke-hoach-cho-phien", t - day, status=4, admin_id=3),
        article_row(105, 3, "Báo cáo kinh tế quý I chờ duyệt", "bao-cao-kinh-te-quy-i", t - day, status=5, admin_id=3),
        article_row(106, 1, "Tin đã ngưng hiệu lực", "tin-da-ngung-hieu-luc", t - 10 * day, status=0),
        article_row(107, 5, "Hội thi nấu bánh chưng", "hoi-thi-nau-banh-chung", t - 2 * day,
                    homeimgfile="2025_01/bia-khong-con.jpg", hometext="Mười hai đội tham gia hội thi."),
        article_row(108, 2, "Khánh thành cầu bê tông qua kênh Ba Xã", "khanh-thanh-cau-be-tong-qua-kenh-ba-xa", t - 5 * day,
                    hometext="Tin cũ trùng tên, khác bài."),
    ])  # fmt: skip
    site.insert(
        "detail",
        [
            detail_row(101, BODY_WITH_PICTURES),
            detail_row(102, "<p>Thời gian gieo sạ từ ngày 5 đến 15/5.</p>", "Trạm Khuyến nông"),
            detail_row(103, "<p>Đã hết hạn.</p>"),
            detail_row(104, "<p>Nháp.</p>"),
            detail_row(105, "<p>Doanh thu tăng 8%.</p>"),
            detail_row(106, "<p>Không còn hiệu lực.</p>"),
            detail_row(107, BODY_MISSING_PICTURE),
            detail_row(108, "<p>Bài khác cùng tiêu đề.</p>"),
        ],
    )
    site.insert("tags_id", [
        {"id": 101, "tid": 1, "keyword": "nông thôn mới"}, {"id": 101, "tid": 2, "keyword": "chuyển đổi số"},
        {"id": 107, "tid": 3, "keyword": "lễ hội"},
    ])  # fmt: skip
    site.put_picture("news/2025_03/cau-moi.jpg")
    site.put_picture("news/2025_03/cat-bang.jpg", picture(500, 300, (200, 60, 40)))
