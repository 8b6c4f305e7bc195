# Sourced by scripts/assay and scripts/test: installs the system packages Assay needs
# when they are missing (Debian/Ubuntu; as root, or with sudo).
assay_install_deps() {
  local need=()
  pkg-config --exists libcmark 2>/dev/null || need+=(libcmark-dev)
  pkg-config --exists jemalloc 2>/dev/null || need+=(libjemalloc-dev)   # assay's allocator
  command -v cmark >/dev/null 2>&1 || need+=(cmark)   # the reference the render tests compare with
  command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
  [ ${#need[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "assay: please install: ${need[*]} (libcmark and jemalloc, with their pkg-config files)" >&2
    return 1
  fi
  echo "assay: installing ${need[*]}" >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
}
