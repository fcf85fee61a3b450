from django.apps import AppConfig


class HouseConfig(AppConfig):
    """The pieces that put the apps together: the API root, the home, the layout's context,
    the demo's orchestration and the test cast. It sits above every app; `core`, below every
    app, imports none of them."""

    name = "technopark.house"
    label = "house"
