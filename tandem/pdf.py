"""Printable records as PDF, through WeasyPrint. Templates carry their own CSS and load
nothing from the network."""

from django.http import HttpResponse


def pdf_response(html: str, filename: str) -> HttpResponse:
    # Imported here: WeasyPrint loads Pango and fonts, which only PDF requests need.
    from weasyprint import HTML

    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    safe_name = "".join(c if c.isalnum() or c in "-_." else "-" for c in filename)
    response["Content-Disposition"] = f'attachment; filename="{safe_name}"'
    return response
