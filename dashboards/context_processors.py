"""The role links in the header: one home page for each role a person holds today."""

from dashboards.homes import role_homes


def role_navigation(request) -> dict:
    if not request.user.is_authenticated:
        return {}
    homes = role_homes(request.user)
    for home in homes:
        home.current = request.path == home.url
    return {"role_navigation": homes}
