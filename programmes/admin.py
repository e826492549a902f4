from django.contrib import admin

from programmes.models import Module, Programme, ProgrammeYear, Session, StudyPart


class StudyPartInline(admin.StackedInline):
    model = StudyPart
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "audience", "framework", "owner", "is_sample"]


@admin.register(ProgrammeYear)
class ProgrammeYearAdmin(admin.ModelAdmin):
    list_display = ["programme", "number"]


@admin.register(Module)
class ModuleAdmin(admin.ModelAdmin):
    list_display = ["title", "year", "position", "half_term"]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["title", "module", "position"]
    inlines = [StudyPartInline]
