from django.contrib import admin

from technopark.startups.models import (
    Export,
    FollowUp,
    Funding,
    Grouping,
    GroupingMember,
    Headcount,
    Invitation,
    Membership,
    Patent,
    Startup,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Startup)
class StartupAdmin(admin.ModelAdmin):
    list_display = ["ref", "name", "sector", "city", "region", "public"]
    search_fields = ["ref", "name", "ice"]
    list_filter = ["public", "region", "legal_form"]
    inlines = [MembershipInline]


for model, fields in [
    (FollowUp, ["startup", "observed_on", "status"]),
    (Headcount, ["startup", "as_of", "direct_jobs", "indirect_jobs"]),
    (Export, ["startup", "year", "country", "amount_mad"]),
    (Patent, ["startup", "filed_on", "office", "title"]),
    (Funding, ["startup", "obtained_on", "source", "kind", "amount_mad"]),
    (Invitation, ["startup", "email", "created_at", "accepted_at"]),
]:
    admin.site.register(
        model,
        type(
            f"{model.__name__}Admin",
            (admin.ModelAdmin,),
            {
                "list_display": fields,
                "raw_id_fields": ["startup"],
                "search_fields": ["startup__ref", "startup__name"],
            },
        ),
    )


class GroupingMemberInline(admin.TabularInline):
    model = GroupingMember
    extra = 0
    raw_id_fields = ["startup"]


@admin.register(Grouping)
class GroupingAdmin(admin.ModelAdmin):
    list_display = ["code", "kind", "name", "formed_on"]
    inlines = [GroupingMemberInline]
