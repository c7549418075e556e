"""Forms of category management."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional


class CategoryForm(FlaskForm):
    """Name, address, place in the tree, order and description of a category."""

    name = StringField(
        _l("Tên chuyên mục"), validators=[DataRequired(_l("Vui lòng nhập tên chuyên mục.")), Length(max=120)]
    )
    slug = StringField(_l("Đường dẫn"), validators=[Optional(), Length(max=120)])
    parent = SelectField(_l("Thuộc chuyên mục"), coerce=int)
    position = IntegerField(_l("Thứ tự"), default=0, validators=[Optional(), NumberRange(-1000, 1000)])
    description = TextAreaField(_l("Mô tả"), validators=[Length(max=1000)])


class DeleteCategoryForm(FlaskForm):
    """Where the articles of a deleted category go."""

    move_to = SelectField(_l("Chuyển các bài viết sang"), coerce=int)
