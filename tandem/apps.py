from django.apps import AppConfig


class TandemConfig(AppConfig):
    name = "tandem"

    def ready(self) -> None:
        from tandem import pagecache

        pagecache.connect()
