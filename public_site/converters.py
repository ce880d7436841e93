class VersionNumberConverter:
    """`major.minor` in a URL, such as 2.1; anything else does not match (404)."""

    regex = r"[1-9][0-9]{0,3}\.[0-9]{1,4}"

    def to_python(self, value):
        major, minor = value.split(".")
        return int(major), int(minor)

    def to_url(self, value):
        return value if isinstance(value, str) else "{}.{}".format(*value)
