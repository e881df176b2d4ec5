"""Interface reports and their figures in the admin menu, and the reports panel on the dashboard, for
those allowed to see them (LMC officers)."""

from django.urls import path, reverse
from wagtail import hooks

from reporting.dashboard import ReportsPanel
from reporting.figures_admin import PERMISSION, FiguresLetterView, FiguresMenuItem, FiguresView
from reporting.viewsets import CountedLetterViewSet, InterfaceReportViewSet


@hooks.register("register_admin_viewset")
def register_interface_reports():
    return InterfaceReportViewSet()


@hooks.register("register_admin_viewset")
def register_counted_letters():
    return CountedLetterViewSet()


@hooks.register("register_admin_urls")
def register_figures_url():
    return [
        path("reporting/figures/", FiguresView.as_view(), name="reporting_figures"),
        path("reporting/figures/letter/", FiguresLetterView.as_view(), name="reporting_figures_letter"),
    ]


@hooks.register("register_admin_menu_item")
def register_figures_menu_item():
    return FiguresMenuItem("Figures", reverse("reporting_figures"), icon_name="table", order=260)


@hooks.register("construct_homepage_panels")
def add_reports_panel(request, panels):
    """Officers' dashboard panel: new reports and recent arrivals; nothing for anyone else."""
    if request.user.has_perm(PERMISSION):
        panels.append(ReportsPanel())
