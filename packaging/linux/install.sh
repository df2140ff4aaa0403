#!/bin/sh
# Install this ArchCanvas bundle for the current user (or, with --system, for everyone) and
# register it with the desktop: menu entry, AppStream metainfo, the .archcanvas file type
# with its icon, and ArchCanvas as the program that opens it. Run it again from a newer
# bundle to upgrade; uninstall with uninstall.sh (copied next to the installed bundle).
#   ./install.sh             per user: ~/.local/share/archcanvas, ~/.local/bin/archcanvas
#   sudo ./install.sh --system    /opt/archcanvas, /usr/local/bin and /usr/local/share
set -eu
APP_ID=io.github.archcanvas.ArchCanvas
MIME=application/x-archcanvas+json
here=$(cd "$(dirname "$0")" && pwd)
version=$(cat "$here/VERSION")

if [ "${1:-}" = "--system" ]; then
  data=/usr/local/share; home=/opt/archcanvas; bin=/usr/local/bin; system=1
else
  data=${XDG_DATA_HOME:-$HOME/.local/share}; home=$data/archcanvas; bin=$HOME/.local/bin; system=0
fi
target=$home/ArchCanvas-$version
manifest=$home/installed-files

[ -x "$here/archcanvas" ] || { echo "install.sh: run it from the unpacked ArchCanvas folder" >&2; exit 1; }
"$here/archcanvas" --version >/dev/null || { echo "install.sh: this bundle does not start here" >&2; exit 1; }

mkdir -p "$home" "$bin"
if [ "$here" != "$target" ]; then
  rm -rf "$target.new"
  cp -a "$here" "$target.new"
  rm -rf "$target"
  mv "$target.new" "$target"
fi
ln -sfn "ArchCanvas-$version" "$home/current"
for old in "$home"/ArchCanvas-*; do
  [ "$old" = "$target" ] || rm -rf "$old"
done
cp "$here/uninstall.sh" "$home/uninstall.sh"
ln -sfn "$home/current/archcanvas" "$bin/archcanvas"

: >"$manifest.new"
put() {  # put SOURCE DEST: copy one file and record it for uninstall.sh
  mkdir -p "$(dirname "$2")"
  cp "$1" "$2"
  echo "$2" >>"$manifest.new"
}
exe="$home/current/archcanvas"
mkdir -p "$data/applications"
sed -e "s|^Exec=archcanvas |Exec=\"$exe\" |" -e "s|^TryExec=archcanvas\$|TryExec=$exe|" \
  "$here/share/applications/$APP_ID.desktop" >"$data/applications/$APP_ID.desktop"
echo "$data/applications/$APP_ID.desktop" >>"$manifest.new"
put "$here/share/metainfo/$APP_ID.metainfo.xml" "$data/metainfo/$APP_ID.metainfo.xml"
put "$here/share/mime/packages/$APP_ID.xml" "$data/mime/packages/$APP_ID.xml"
(cd "$here/share" && find icons -type f) | while read -r icon; do
  put "$here/share/$icon" "$data/$icon"
done
echo "$bin/archcanvas" >>"$manifest.new"
mv "$manifest.new" "$manifest"

command -v update-mime-database >/dev/null && update-mime-database "$data/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database -q "$data/applications" || true
touch "$data/icons/hicolor"
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t -f "$data/icons/hicolor" 2>/dev/null || true
if [ "$system" = 0 ] && command -v xdg-mime >/dev/null; then
  list=${XDG_CONFIG_HOME:-$HOME/.config}/mimeapps.list
  [ -e "$list" ] || [ -e "$home/created-mimeapps-list" ] || echo "$list" >"$home/created-mimeapps-list"
  xdg-mime default "$APP_ID.desktop" "$MIME" || true
fi
echo "ArchCanvas $version installed in $target"
case ":$PATH:" in *":$bin:"*) ;; *) echo "Add $bin to PATH to run 'archcanvas' from a terminal." ;; esac
