"""The OpenAPI document, served as JSON for anyone (it describes, it holds no data)."""

from typing import Any

from django.utils import translation
from drf_spectacular.renderers import OpenApiJsonRenderer
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import AllowAny


class OpenApiDocument(SpectacularAPIView):
    renderer_classes = [OpenApiJsonRenderer]
    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes: list = []

    def dispatch(self, request: Any, *args: Any, **kwargs: Any):
        # One document whatever the reader's language: the committed copy must equal it.
        with translation.override("en"):
            response = super().dispatch(request, *args, **kwargs)
            response.render()
        return response
