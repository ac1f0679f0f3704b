"""rasd on the web: the HTTP API under /api and the analysts' page at /, served by `rasd serve`.

The application lives in `rasd.web.app` (`create_app`, `Settings`); it is not
imported here, so the command line starts without loading FastAPI.
"""
