from django.urls import path, re_path

from provision import views

urlpatterns = [
    re_path(
        r"^(?P<kind>trust|school)s/(?P<pk>[0-9]+)/provision/$",
        views.provision_map,
        name="provision_map",
    ),
    re_path(
        r"^(?P<kind>trust|school)s/(?P<pk>[0-9]+)/provision/add/$",
        views.add_item,
        name="provision_add",
    ),
    re_path(
        r"^(?P<kind>trust|school)s/(?P<pk>[0-9]+)/provision/import/$",
        views.import_items,
        name="provision_import",
    ),
    re_path(
        r"^(?P<kind>trust|school)s/(?P<pk>[0-9]+)/provision/overlaps/$",
        views.overlaps,
        name="provision_overlaps",
    ),
    path("provision/<int:pk>/", views.item, name="provision_item"),
    path("provision/<int:pk>/edit/", views.edit_item, name="provision_edit"),
    path("provision/<int:pk>/delete/", views.delete_item, name="provision_delete"),
    path("provision/<int:pk>/matches/<int:match_pk>/", views.set_match, name="provision_match"),
    path("provision/<int:pk>/statements/", views.add_statement, name="provision_statement"),
    path(
        "provision/<int:pk>/sessions/<int:session_pk>/decide/",
        views.decide,
        name="provision_decide",
    ),
]
