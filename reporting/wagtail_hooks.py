"""Interface reports in the admin menu, for those allowed to see them (LMC officers)."""

from wagtail import hooks

from reporting.viewsets import InterfaceReportViewSet


@hooks.register("register_admin_viewset")
def register_interface_reports():
    return InterfaceReportViewSet()
