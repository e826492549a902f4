from django.contrib import admin

from frameworks.models import Area, Framework, Statement


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["name", "version", "is_sample", "imported_at"]


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["framework", "number", "title"]


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    list_display = ["framework", "code", "kind", "text"]
    list_filter = ["framework", "kind"]
