# Packaging for scrapyd-deploy (it builds an egg with `python setup.py bdist_egg`).
from setuptools import find_packages, setup

setup(
    name="libya_news",
    version="0.1.0",
    packages=find_packages(include=["libya_news", "libya_news.*"]),
    package_data={"libya_news": ["schema/*.json"]},
    include_package_data=True,
    entry_points={"scrapy": ["settings = libya_news.settings"]},
)
