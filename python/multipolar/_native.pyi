"""Type stubs of the native module (crates/python): one entry point into the query layer."""

from typing import Any, Dict, List, Optional, Tuple, Union

__version__: str

def call(
    endpoint: str, params: Dict[str, Any], data_dir: Optional[str] = None
) -> Union[
    Tuple[str, bytes],  # ("table", Arrow IPC stream)
    Tuple[str, str],  # ("json", document)
    Tuple[str, str, str, List[str]],  # ("error", kind, message, suggestions)
]:
    """Runs an endpoint of the query layer with the GIL released."""

def endpoints() -> Dict[str, List[Tuple[str, str, Optional[str]]]]:
    """Every endpoint's parameters: (name, help, default)."""
