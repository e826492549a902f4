from django.urls import path

from organisations import views

urlpatterns = [
    path("schools/<int:pk>/terms/", views.term_dates, name="term_dates"),
    path("schools/<int:pk>/terms/<int:term_pk>/delete/", views.delete_term, name="delete_term"),
]
