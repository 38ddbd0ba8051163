"""Packaging glue that pyproject.toml cannot say: resources/ ships as blogeditor.resources.

The repository keeps resources/ at its top level (demo site, stylesheets, icons, word lists);
inside a wheel, an editable install and the frozen app it is the package ``blogeditor.resources``,
so the code finds it one way everywhere: ``importlib.resources.files("blogeditor.resources")``.
"""

from setuptools import find_namespace_packages, find_packages, setup

# Every folder under resources/ is a (namespace) package of data files to setuptools.
RESOURCES = ["blogeditor.resources"] + [
    f"blogeditor.resources.{name}" for name in find_namespace_packages(where="resources")
]

setup(
    packages=[*find_packages(include=["blogeditor", "blogeditor.*"]), *RESOURCES],
    package_dir={"blogeditor.resources": "resources"},
    package_data={"blogeditor": ["py.typed"], **{name: ["*"] for name in RESOURCES}},
)
