"""Forms of the editor area; field names are a contract that scripts drive."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from portal.auth.forms import ConfirmForm
from portal.content.dates import parse_local_datetime
from portal.content.sanitize import complexity_problem
from portal.content.text import clip_filter, multi_line_filter, nfc_filter, single_line_filter
from portal.ids import MAX_ID, parse_id


def within_html_limits(form, field) -> None:
    """WTForms validator: the body must be simple enough for the sanitizer to clean in bounded time."""
    problem = complexity_problem(field.data or "")
    if problem:
        raise ValidationError(problem)


class ArticleForm(FlaskForm):
    """The article form: title, lead, body, byline, source, category, tags, image, date."""

    title = StringField(
        _l("Tiêu đề"),
        filters=[single_line_filter],
        validators=[
            DataRequired(_l("Vui lòng nhập tiêu đề.")),
            Length(max=300, message=_l("Tiêu đề dài tối đa 300 ký tự.")),
        ],
    )
    lead = TextAreaField(_l("Tóm tắt (sapo)"), filters=[multi_line_filter], validators=[Length(max=2000)])
    body = TextAreaField(
        _l("Nội dung"),
        filters=[nfc_filter],
        validators=[Length(max=500_000, message=_l("Nội dung quá dài.")), within_html_limits],
    )
    byline = StringField(_l("Tác giả bài viết"), filters=[single_line_filter], validators=[Length(max=120)])
    source = StringField(_l("Nguồn tin"), filters=[single_line_filter], validators=[Length(max=300)])
    category = SelectField(_l("Chuyên mục"), coerce=parse_id, validators=[DataRequired(_l("Vui lòng chọn chuyên mục."))])
    tags = StringField(
        _l("Từ khóa (cách nhau bởi dấu phẩy)"), filters=[single_line_filter], validators=[Length(max=1000)]
    )
    image = FileField(_l("Ảnh đại diện"))
    image_caption = StringField(_l("Chú thích ảnh"), filters=[single_line_filter], validators=[Length(max=300)])
    image_alt = StringField(
        _l("Mô tả ảnh cho người khiếm thị"), filters=[single_line_filter], validators=[Length(max=300)]
    )
    remove_image = BooleanField(_l("Bỏ ảnh đại diện"))
    published_at = StringField(_l("Thời điểm đăng (giờ Việt Nam)"), validators=[Optional(), Length(max=40)])
    featured = BooleanField(_l("Tin nổi bật"))
    review_note = TextAreaField(
        _l("Ghi chú khi trả lại bài"), filters=[multi_line_filter], validators=[Length(max=2000)]
    )
    version = IntegerField(widget=HiddenField.widget, validators=[Optional(), NumberRange(0, MAX_ID)])
    image_id = IntegerField(  # parse_id: a number no row can have reads as None, never reaches a query
        widget=HiddenField.widget, filters=[parse_id], validators=[Optional(), NumberRange(1, MAX_ID)]
    )

    def validate_published_at(self, field) -> None:
        """The date must be a real date, in one of the accepted shapes and the years the portal holds."""
        try:
            parse_local_datetime(field.data, "Asia/Ho_Chi_Minh")
        except ValueError:
            raise ValidationError(_l("Thời điểm đăng không hợp lệ (ví dụ: 02/03/2026 08:30).")) from None


class DashboardFilterForm(FlaskForm):
    """Filters of the dashboard list (GET, no CSRF)."""

    class Meta:
        csrf = False

    status = SelectField(_l("Trạng thái"), validate_choice=False)
    category = SelectField(_l("Chuyên mục"), coerce=str, validate_choice=False)
    author = SelectField(_l("Người viết"), coerce=str, validate_choice=False)
    q = StringField(
        _l("Tìm theo tiêu đề"), filters=[single_line_filter, clip_filter(200)], validators=[Length(max=200)]
    )


__all__ = ["ArticleForm", "ConfirmForm", "DashboardFilterForm"]
