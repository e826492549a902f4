from django.urls import path

from planning import views

urlpatterns = [
    path("plans/", views.plans, name="plans"),
    path("plans/start/<str:kind>/<int:pk>/", views.start_plan, name="start_plan"),
    path("plans/<int:pk>/", views.plan_detail, name="plan"),
    path("plans/<int:pk>/items/<int:item_pk>/tick/", views.tick_item, name="tick_item"),
    path("plans/<int:pk>/items/<int:item_pk>/", views.edit_item, name="edit_item"),
    path("plans/<int:pk>/team/", views.add_team_member, name="add_team_member"),
    path("plans/<int:pk>/reflections/", views.save_reflections, name="save_reflections"),
]
