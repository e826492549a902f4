from django.contrib import admin

from people.models import Induction, Mentorship, RolePeriod


@admin.register(RolePeriod)
class RolePeriodAdmin(admin.ModelAdmin):
    list_display = ["person", "role", "school", "trust", "starts_on", "ends_on", "fte"]
    list_filter = ["role", "school__trust"]
    search_fields = ["person__email", "person__full_name"]


@admin.register(Induction)
class InductionAdmin(admin.ModelAdmin):
    list_display = ["ect", "started_on", "phase", "programme"]


@admin.register(Mentorship)
class MentorshipAdmin(admin.ModelAdmin):
    list_display = ["mentor", "induction", "starts_on", "ends_on"]
