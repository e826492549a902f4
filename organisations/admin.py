from django.contrib import admin

from organisations.models import School, Term, Trust


class TermInline(admin.TabularInline):
    model = Term
    extra = 0


@admin.register(Trust)
class TrustAdmin(admin.ModelAdmin):
    list_display = ["name", "kind"]


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["name", "urn", "phase", "trust"]
    list_filter = ["phase", "trust"]
    search_fields = ["name", "urn"]
    inlines = [TermInline]
