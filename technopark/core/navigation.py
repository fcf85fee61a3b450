"""The main menu, built in one place from what the person may do.

Each app contributes links through its `nav.py` `nav_items(request)` hook (already
filtered through the permission layer) and says which group each belongs to; this module
orders them into the groups below, marks the current place and derives the breadcrumbs.
The templates only draw the result (`components/_navbar.html`, `components/_breadcrumbs.html`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import get_script_prefix, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from technopark.core.hooks import NavItem, nav_items

GROUPS: dict[str, object] = {
    "network": _("Network"),
    "startups": _("Startups & programmes"),
    "operations": _("Site operations"),
    "community": _("Community"),
    "figures": _("Figures"),
    "admin": _("Administration"),
}


@dataclass
class MenuLink:
    label: str
    url: str
    current: bool = False


@dataclass
class MenuGroup:
    key: str
    label: str
    links: list[MenuLink] = field(default_factory=list)

    @property
    def current(self) -> bool:
        return any(link.current for link in self.links)


def _core_items() -> list[NavItem]:
    return [
        NavItem(_("Sites"), reverse("network:site_list"), "network"),
        NavItem(_("Startups"), reverse("startups:directory"), "startups"),
        NavItem(_("Programs"), reverse("programs:list"), "startups"),
    ]


def _path_of(url: str) -> str:
    return url.split("?", 1)[0].split("#", 1)[0]


@dataclass
class Menu:
    groups: list[MenuGroup]
    # Links about oneself (own data, expert profile), drawn in the account menu.
    account: list[MenuLink]

    @property
    def breadcrumbs(self) -> list[MenuLink]:
        """Group › section for a page the menu reaches; the last crumb is the section."""
        for group in self.groups:
            for link in group.links:
                if link.current:
                    return [MenuLink(group.label, ""), link]
        for link in self.account:
            if link.current:
                return [link]
        return []


# The menu's links, by (who, language, script prefix), where `who` is the person's
# principal (house.context): what the apps' `nav_items` answer depends on nothing else
# (see core.hooks), and a principal changes with the person's roles and memberships
# (accounts.access), so a role granted or removed shows in the next page. Bounded:
# cleared when full.
_ITEMS: dict[tuple, list[NavItem]] = {}
_ITEMS_MAX = 4096


def menu_items(request, who=None) -> list[NavItem]:
    """Every link of the person's menu (core's and each app's), labels translated; kept
    per `who` (hashable, standing for everything the links depend on) when given."""
    key = (who, get_language(), get_script_prefix())
    items = _ITEMS.get(key) if who is not None else None
    if items is None:
        items = [
            NavItem(str(item.label), item.url, item.group)
            for item in _core_items() + nav_items(request)
        ]
        if who is not None:
            if len(_ITEMS) >= _ITEMS_MAX:
                _ITEMS.clear()
            _ITEMS[key] = items
    return items


def build_menu(request, who=None) -> Menu:
    """The groups the person sees, each with its links; empty groups are left out.

    The current link is the one whose address is the longest prefix of the page's path,
    so /hosting/CASA/contracts/ highlights "Hosting" and /programs/calls/ "Calls", not
    "Programs". `who`: see `menu_items`.
    """
    groups = {key: MenuGroup(key, str(label)) for key, label in GROUPS.items()}
    account: list[MenuLink] = []
    path = getattr(request, "path", "") or ""
    best: MenuLink | None = None
    best_len = 0
    seen: set[str] = set()
    for item in menu_items(request, who):
        if item.url in seen:
            continue
        seen.add(item.url)
        link = MenuLink(item.label, item.url)
        if item.group == "account":
            account.append(link)
        else:
            groups.get(item.group, groups["network"]).links.append(link)
        target = _path_of(item.url)
        if target != "/" and path.startswith(target) and len(target) > best_len:
            best, best_len = link, len(target)
    if best is not None:
        best.current = True
    return Menu([group for group in groups.values() if group.links], account)
