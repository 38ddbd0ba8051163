; Inno Setup script for BlogEditor on Windows (built by .github/workflows/package.yml).
;
;   python packaging\build.py                       (PyInstaller bundle + build\icons\blogeditor.ico)
;   iscc /DAppVersion=0.1.0 packaging\windows\blogeditor.iss
;
; Per-user install (no administrator rights): the app goes to %LOCALAPPDATA%\Programs\BlogEditor,
; a Start-menu entry is created, an uninstaller is registered under "Apps & features", and
; opening .md files with BlogEditor is an optional task. The user's data (%APPDATA%\BlogEditor:
; demo site copy, word list, backups) and settings are never touched by the uninstaller.

#define AppName "BlogEditor"
#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\build\pyinstaller-dist\blogeditor"
#endif
#define AppExe "blogeditor.exe"

[Setup]
AppId={{6A0E2C4B-8D3F-4F21-9C57-3B1E7A9D5F08}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=BlogEditor authors
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per-user: {autopf} becomes %LOCALAPPDATA%\Programs and registry writes go to HKCU.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=BlogEditor-{#AppVersion}-windows-x64-setup
SetupIconFile=..\..\build\icons\blogeditor.ico
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; The uninstaller: registered with Windows, removes exactly what was installed.
Uninstallable=yes
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
ChangesAssociations=yes
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "mdassoc"; Description: "Offer BlogEditor to open Markdown (.md) files"; GroupDescription: "File associations:"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; "Open with" for .md (HKA = HKCU for a per-user install). It does not take over the default app.
Root: HKA; Subkey: "Software\Classes\.md\OpenWithProgids"; ValueType: string; ValueName: "BlogEditor.Markdown"; ValueData: ""; Flags: uninsdeletevalue; Tasks: mdassoc
Root: HKA; Subkey: "Software\Classes\BlogEditor.Markdown"; ValueType: string; ValueName: ""; ValueData: "Markdown document"; Flags: uninsdeletekey; Tasks: mdassoc
Root: HKA; Subkey: "Software\Classes\BlogEditor.Markdown\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"; Tasks: mdassoc
Root: HKA; Subkey: "Software\Classes\BlogEditor.Markdown\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""; Tasks: mdassoc
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".md"; ValueData: ""; Flags: uninsdeletekey; Tasks: mdassoc

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
