"""Template helpers shared by every page."""

import markdown as markdown_lib
import nh3
from django import template
from django.utils.safestring import mark_safe

from tandem.forms import govuk_widget_attrs

register = template.Library()


@register.simple_tag
def field_with_description(field):
    """Render a widget with its GOV.UK class, pointing at its hint and error message."""
    return field.as_widget(attrs=govuk_widget_attrs(field))


@register.filter
def markdown(text: str) -> str:
    """Author-written Markdown as safe HTML with GOV.UK typography classes."""
    html = nh3.clean(markdown_lib.markdown(text or "", extensions=["sane_lists"]))
    for tag, css in {
        "<p>": '<p class="govuk-body">',
        "<ul>": '<ul class="govuk-list govuk-list--bullet">',
        "<ol>": '<ol class="govuk-list govuk-list--number">',
        "<h3>": '<h3 class="govuk-heading-s">',
        "<a ": '<a class="govuk-link" ',
    }.items():
        html = html.replace(tag, css)
    return mark_safe(html)  # noqa: S308 - cleaned by nh3 above


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def session_of(pathway, item):
    return pathway.session_of(item)


@register.filter
def starts_on(pathway, item):
    return pathway.starts_on(item)
