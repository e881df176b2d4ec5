from django.apps import AppConfig


class GuidanceConfig(AppConfig):
    name = "guidance"
    verbose_name = "Guidance"

    def ready(self) -> None:
        from guidance import signals  # noqa: F401 - connects the document re-indexing handler
