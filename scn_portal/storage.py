from whitenoise.storage import CompressedManifestStaticFilesStorage


class CompressedManifestStorage(CompressedManifestStaticFilesStorage):
    """Whitenoise's compressed, hashed storage, also rewriting ES module imports.

    `static/js/portal.js` imports the NHS.UK frontend module; without this the import would
    keep the unhashed name, which is not cached forever and may serve a stale copy.
    """

    support_js_module_import_aggregation = True
