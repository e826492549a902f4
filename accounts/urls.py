from django.urls import path

from accounts import views

urlpatterns = [
    path("my-data/", views.my_data, name="my_data"),
    path("my-data/download.json", views.my_data_download, name="my_data_download"),
]
