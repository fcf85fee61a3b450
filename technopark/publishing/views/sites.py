"""A site's public face: its photos and how to get there, kept by the site's staff."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from technopark.accounts.permissions import get_visible_or_404, require
from technopark.core.errors import DomainError
from technopark.network.permissions import visible_sites
from technopark.publishing.forms import SiteGuideForm, SitePhotoForm
from technopark.publishing.models import SiteGuide, SitePhoto
from technopark.publishing.services import site_guide_update, site_photo_add, site_photo_delete


def _managed_site(request: HttpRequest, code: str):
    site = get_visible_or_404(visible_sites(request.user), code=code)
    require(request.user, "site.change", site, view_perm="site.view")
    return site


@login_required
def site_media(request: HttpRequest, code: str) -> HttpResponse:
    """The staff's page: add photos (with their description) and say how to get there."""
    site = _managed_site(request, code)
    guide = SiteGuide.objects.filter(site=site).first()
    photo_form = SitePhotoForm()
    guide_form = SiteGuideForm(initial={"directions": guide.directions if guide else ""})
    status = 200
    if request.method == "POST":
        if request.POST.get("part") == "guide":
            guide_form = SiteGuideForm(request.POST)
            if guide_form.is_valid():
                site_guide_update(
                    site=site, directions=guide_form.cleaned_data["directions"], by=request.user
                )
                messages.success(request, _("The directions were saved."))
                return redirect("publishing:site_media", code=site.code)
        else:
            photo_form = SitePhotoForm(request.POST, request.FILES)
            if photo_form.is_valid():
                try:
                    site_photo_add(
                        site=site,
                        file=photo_form.cleaned_data["image"],
                        alt_text=photo_form.cleaned_data["alt_text"],
                        by=request.user,
                    )
                except DomainError as exc:
                    field = "image" if exc.field == "file" else exc.field
                    photo_form.add_error(field if field in photo_form.fields else None, exc.message)
                else:
                    messages.success(request, _("The photo was added to the site's page."))
                    return redirect("publishing:site_media", code=site.code)
        status = 400
    return render(
        request,
        "publishing/site_media.html",
        {
            "site": site,
            "photos": SitePhoto.objects.filter(site=site),
            "photo_form": photo_form,
            "guide_form": guide_form,
            "title": _("Photos and directions"),
        },
        status=status,
    )


@login_required
@require_POST
def site_photo_remove(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    site = _managed_site(request, code)
    photo = get_visible_or_404(SitePhoto.objects.filter(site=site), pk=pk)
    site_photo_delete(photo=photo, by=request.user)
    messages.success(request, _("The photo was removed."))
    return redirect("publishing:site_media", code=site.code)


def site_photo(request: HttpRequest, code: str, pk: int) -> FileResponse:
    """A site's photo, for anyone (the site's page is public)."""
    photo = get_visible_or_404(
        SitePhoto.objects.filter(site__in=visible_sites(request.user)), site__code=code, pk=pk
    )
    try:
        handle = photo.image.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=photo.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=86400"
    return response
