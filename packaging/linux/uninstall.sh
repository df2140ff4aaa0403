#!/bin/sh
# Remove ArchCanvas installed by install.sh: the bundle, the command, and every desktop file
# install.sh recorded; the file association is dropped, the desktop's caches are refreshed,
# and folders and caches left describing nothing are removed.
#   ~/.local/share/archcanvas/uninstall.sh            (per user)
#   sudo /opt/archcanvas/uninstall.sh --system        (for everyone)
# Your designs and settings (~/.config/ArchCanvas) are left alone.
set -eu
APP_ID=io.github.archcanvas.ArchCanvas
MIME=application/x-archcanvas+json
if [ "${1:-}" = "--system" ]; then
  data=/usr/local/share; home=/opt/archcanvas; system=1
else
  data=${XDG_DATA_HOME:-$HOME/.local/share}; home=$data/archcanvas; system=0
fi
manifest=$home/installed-files
[ -f "$manifest" ] || { echo "uninstall.sh: ArchCanvas is not installed in $home" >&2; exit 1; }

prune() {  # prune DIR: remove DIR and its parents while empty, never $data itself or above
  dir=$1
  while [ "$dir" != "$data" ] && [ "${dir#"$data"/}" != "$dir" ]; do
    if [ -d "$dir" ]; then rmdir "$dir" 2>/dev/null || return 0; fi
    dir=$(dirname "$dir")
  done
}
only() {  # only DIR NAME: DIR holds nothing but the generated file NAME
  [ -d "$1" ] && [ -z "$(ls -A "$1" | grep -vx "$2")" ]
}

while read -r file; do
  rm -f "$file"
done <"$manifest"
created_list=$(cat "$home/created-mimeapps-list" 2>/dev/null || true)
rm -rf "$home"

if [ "$system" = 0 ]; then
  list=${XDG_CONFIG_HOME:-$HOME/.config}/mimeapps.list
  if [ -f "$list" ]; then
    sed -i -e "\\|^$MIME=$APP_ID.desktop;*\$|d" -e "s|$APP_ID.desktop;||g" "$list"
    if [ "$created_list" = "$list" ] && ! grep -q '=' "$list"; then
      rm -f "$list"
      rmdir "$(dirname "$list")" 2>/dev/null || true
    fi
  fi
fi
if [ -d "$data/mime/packages" ] && [ -z "$(ls -A "$data/mime/packages")" ]; then
  rm -rf "$data/mime"  # a database built from no package
elif [ -d "$data/mime" ] && command -v update-mime-database >/dev/null; then
  update-mime-database "$data/mime" || true
fi
if only "$data/applications" mimeinfo.cache; then
  rm -rf "$data/applications"
elif [ -d "$data/applications" ] && command -v update-desktop-database >/dev/null; then
  update-desktop-database -q "$data/applications" || true
fi
if [ -d "$data/icons/hicolor" ]; then
  find "$data/icons/hicolor" -depth -type d -empty -delete
  if only "$data/icons/hicolor" icon-theme.cache; then
    rm -rf "$data/icons/hicolor"
  elif command -v gtk-update-icon-cache >/dev/null; then
    gtk-update-icon-cache -q -t -f "$data/icons/hicolor" 2>/dev/null || true
  fi
fi
while read -r file; do
  prune "$(dirname "$file")"
done <<EOF_LIST
$(printf '%s\n' "$data/metainfo/x" "$data/mime/x" "$data/applications/x" "$data/icons/hicolor/x")
EOF_LIST
echo "ArchCanvas removed from $home"
