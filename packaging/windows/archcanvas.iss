; Inno Setup 6 script for ArchCanvas on Windows: installs the PyInstaller folder
; dist\ArchCanvas (ArchCanvas.exe for the desktop, archcanvas-cli.exe for the command line),
; a Start menu entry, the .archcanvas file type opening in ArchCanvas, and an uninstaller.
; Per-user by default (no administrator rights); an administrator may choose all users.
; Silent roll-out: ArchCanvas-VERSION-windows-x64-setup.exe /VERYSILENT /CURRENTUSER
; Not built or tested in this project's CI: docs/packaging.md says what a maintainer runs.
;   iscc /DAppVersion=0.1.0 packaging\windows\archcanvas.iss

#ifndef AppVersion
  #error Pass the version from pyproject.toml: iscc /DAppVersion=X.Y.Z archcanvas.iss
#endif

[Setup]
AppId={{6F1D2C8E-5B7A-4C1E-9A0B-3D2E8F4A7C61}
AppName=ArchCanvas
AppVersion={#AppVersion}
AppVerName=ArchCanvas {#AppVersion}
AppPublisher=The ArchCanvas team
AppPublisherURL=https://github.com/archcanvas/archcanvas
DefaultDirName={autopf}\ArchCanvas
DefaultGroupName=ArchCanvas
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
ChangesAssociations=yes
ChangesEnvironment=yes
LicenseFile=..\..\LICENSE
OutputDir=..\..\dist
OutputBaseFilename=ArchCanvas-{#AppVersion}-windows-x64-setup
SetupIconFile=..\..\build\windows\archcanvas.ico
UninstallDisplayIcon={app}\ArchCanvas.exe
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; Flags: unchecked
Name: "addtopath"; Description: "Add archcanvas-cli to PATH (for validate and export)"; Flags: unchecked

[Files]
Source: "..\..\dist\ArchCanvas\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\ArchCanvas"; Filename: "{app}\ArchCanvas.exe"
Name: "{autodesktop}\ArchCanvas"; Filename: "{app}\ArchCanvas.exe"; Tasks: desktopicon

[Registry]
; The file type: .archcanvas -> ArchCanvas.Design, opened by ArchCanvas.exe "%1".
; HKA is HKCU for a per-user install and HKLM for all users.
Root: HKA; Subkey: "Software\Classes\.archcanvas"; ValueType: string; ValueName: ""; ValueData: "ArchCanvas.Design"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.archcanvas"; ValueType: string; ValueName: "Content Type"; ValueData: "application/x-archcanvas+json"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.archcanvas\OpenWithProgids"; ValueType: string; ValueName: "ArchCanvas.Design"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\ArchCanvas.Design"; ValueType: string; ValueName: ""; ValueData: "ArchCanvas design"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\ArchCanvas.Design\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\ArchCanvas.exe,0"
Root: HKA; Subkey: "Software\Classes\ArchCanvas.Design\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\ArchCanvas.exe"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\ArchCanvas.exe\SupportedTypes"; ValueType: string; ValueName: ".archcanvas"; ValueData: ""; Flags: uninsdeletekey
; archcanvas-cli on PATH (per-user environment) when the task is chosen.
Root: HKCU; Subkey: "Environment"; ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; Tasks: addtopath; Check: NeedsAddPath(ExpandConstant('{app}'))

[Run]
Filename: "{app}\ArchCanvas.exe"; Description: "{cm:LaunchProgram,ArchCanvas}"; Flags: nowait postinstall skipifsilent

[Code]
function NeedsAddPath(Dir: string): Boolean;
var
  Path: string;
begin
  if not RegQueryStringValue(HKEY_CURRENT_USER, 'Environment', 'Path', Path) then
    Path := '';
  Result := Pos(';' + Uppercase(Dir) + ';', ';' + Uppercase(Path) + ';') = 0;
end;
