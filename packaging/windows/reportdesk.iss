; Inno Setup 6.3+ script: the Windows installer of reportdesk, per user, without administrator rights.
;
; Built by `packaging/build.sh windows` (Git Bash on Windows, Inno Setup's ISCC.exe on PATH) from dist\reportdesk\,
; the one-folder bundle PyInstaller makes from packaging/reportdesk.spec: the same spec, the same files and the
; same `--selftest` as the Linux bundle and .deb that CI builds and tests. It cannot be built or run on Linux.
; Saved as UTF-8 with a byte-order mark so the Chinese names below reach the installer intact.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define Root AddBackslash(SourcePath) + "..\.."
#define AppTitle "政府信息公开年度报告"

[Setup]
; The AppId identifies the program for upgrades and uninstall: never change it.
AppId={{8E5B4C1A-3F2D-4B7E-9C61-5A0D2E7F4B93}
AppName={#AppTitle}
AppVersion={#AppVersion}
AppVerName={#AppTitle} {#AppVersion}
AppPublisher=reportdesk
; Per user: %LOCALAPPDATA%\Programs\reportdesk, the user's Start menu; no administrator, no UAC prompt.
PrivilegesRequired=lowest
DefaultDirName={autopf}\reportdesk
DefaultGroupName={#AppTitle}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#Root}\dist
OutputBaseFilename=reportdesk-{#AppVersion}-windows-x64-setup
SetupIconFile={#Root}\resources\reportdesk.ico
UninstallDisplayIcon={app}\reportdesk.exe
UninstallDisplayName={#AppTitle}（reportdesk）
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#else
  #pragma warning "Languages\ChineseSimplified.isl is not in this Inno Setup: the wizard will be in English"
Name: "english"; MessagesFile: "compiler:Default.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "在桌面创建快捷方式"; GroupDescription: "快捷方式："

[InstallDelete]
; An upgrade replaces the bundle's libraries as a whole, so no file of an older version is left beside the new.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#Root}\dist\reportdesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppTitle}"; Filename: "{app}\reportdesk.exe"; WorkingDir: "{userdocs}"
; The selftest in a console window that stays open, so the officer can read the result.
Name: "{autoprograms}\{#AppTitle} 自检"; Filename: "{cmd}"; \
  Parameters: "/k """"{app}\reportdesk-cli.exe"" --selftest"""; WorkingDir: "{app}"; \
  IconFilename: "{app}\reportdesk.exe"
Name: "{autodesktop}\{#AppTitle}"; Filename: "{app}\reportdesk.exe"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Run]
Filename: "{app}\reportdesk.exe"; Description: "启动{#AppTitle}"; Flags: nowait postinstall skipifsilent

; Uninstalling removes the program only. The drafts database and its daily backups
; (%LOCALAPPDATA%\reportdesk) and the documents the officer saved are kept.
