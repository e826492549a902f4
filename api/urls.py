from django.urls import path

from api import views
from api.api import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("trusts/<int:pk>/api-tokens/", views.tokens, name="api_tokens"),
    path(
        "trusts/<int:pk>/api-tokens/<int:token_pk>/revoke/", views.revoke, name="api_token_revoke"
    ),
]
