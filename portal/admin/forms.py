"""Forms of the administration area."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from portal.auth.forms import ConfirmForm
from portal.content.sessions import IDLE_POLICY
from portal.content.text import clip_filter, single_line_filter
from portal.i18n import LOCALE_NAMES
from portal.models import Role
from portal.web.choices import select_choices

ROLE_CHOICES = [
    (Role.AUTHOR.value, _l("Tác giả")),
    (Role.EDITOR.value, _l("Biên tập viên")),
    (Role.ADMIN.value, _l("Quản trị viên")),
]


class AccountForm(FlaskForm):
    """Name, email and role: what an administrator edits on an account."""

    display_name = StringField(
        _l("Tên hiển thị"),
        filters=[single_line_filter],
        validators=[DataRequired(_l("Vui lòng nhập tên hiển thị.")), Length(max=120)],
    )
    email = StringField(_l("Thư điện tử"), filters=[single_line_filter], validators=[Optional(), Length(max=254)])
    role = SelectField(_l("Vai trò"), choices=select_choices(ROLE_CHOICES))


class NewAccountForm(AccountForm):
    """A new account: also a username and, optionally, its first password."""

    username = StringField(
        _l("Tên đăng nhập"), validators=[DataRequired(_l("Vui lòng nhập tên đăng nhập.")), Length(max=200)]
    )
    password = PasswordField(
        _l("Mật khẩu ban đầu"),
        validators=[Optional(), Length(max=1024)],
        render_kw={"autocomplete": "new-password"},
    )


class ReauthForm(FlaskForm):
    """The person's password again, before a sensitive change."""

    reauth_password = PasswordField(
        _l("Mật khẩu của bạn"),
        validators=[DataRequired(_l("Vui lòng nhập mật khẩu."))],
        render_kw={"autocomplete": "current-password"},
    )


class SettingsForm(FlaskForm):
    """Site settings: header, footer, idle timeout, page sizes, language."""

    site_name = StringField(
        _l("Tên trang (tiêu đề đầu trang)"), filters=[single_line_filter], validators=[DataRequired(), Length(max=200)]
    )
    site_tagline = StringField(_l("Khẩu hiệu"), filters=[single_line_filter], validators=[Length(max=200)])
    footer_owner = StringField(_l("Cơ quan chủ quản"), filters=[single_line_filter], validators=[Length(max=200)])
    footer_address = StringField(_l("Địa chỉ"), filters=[single_line_filter], validators=[Length(max=300)])
    footer_phone = StringField(_l("Điện thoại"), filters=[single_line_filter], validators=[Length(max=60)])
    footer_email = StringField(_l("Thư điện tử"), filters=[single_line_filter], validators=[Length(max=254)])
    idle_timeout_minutes = IntegerField(
        _l("Tự đăng xuất sau (phút không hoạt động)"),
        validators=[
            DataRequired(),
            NumberRange(IDLE_POLICY.min_minutes, IDLE_POLICY.max_minutes, _l("Từ %(min)s đến %(max)s phút.")),
        ],
    )
    page_size = IntegerField(_l("Số bài mỗi trang chuyên mục"), validators=[DataRequired(), NumberRange(5, 50)])
    home_latest_count = IntegerField(
        _l("Số tin mới nhất trên trang chủ"), validators=[DataRequired(), NumberRange(3, 30)]
    )
    default_language = SelectField(_l("Ngôn ngữ mặc định"), choices=select_choices(LOCALE_NAMES.items()))


class AuditFilterForm(FlaskForm):
    """Filters of the audit log (GET, no CSRF)."""

    class Meta:
        csrf = False

    actor = StringField(_l("Người thực hiện"), filters=[single_line_filter], validators=[Length(max=120)])
    action = SelectField(_l("Hành động"), validate_choice=False)
    date_from = StringField(_l("Từ ngày"), validators=[Length(max=20)])
    date_to = StringField(_l("Đến ngày"), validators=[Length(max=20)])


class AccountSearchForm(FlaskForm):
    """Filters of the account list (GET, no CSRF)."""

    class Meta:
        csrf = False

    q = StringField(_l("Tìm theo tên"), filters=[single_line_filter, clip_filter(120)], validators=[Length(max=120)])
    role = SelectField(
        _l("Vai trò"), choices=select_choices([("", _l("Tất cả")), *ROLE_CHOICES]), validate_choice=False
    )
    active = SelectField(
        _l("Trạng thái"),
        choices=select_choices([("", _l("Tất cả")), ("1", _l("Đang hoạt động")), ("0", _l("Đã khóa"))]),
        validate_choice=False,
    )


__all__ = [
    "AccountForm",
    "AccountSearchForm",
    "AuditFilterForm",
    "ConfirmForm",
    "NewAccountForm",
    "ReauthForm",
    "SettingsForm",
]
