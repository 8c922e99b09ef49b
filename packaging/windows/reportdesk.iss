; Inno Setup 6.3+ script: the Windows installer of reportdesk, per user, without administrator rights.
;
; Compiled by `packaging/build.sh windows` on Linux (Inno Setup's ISCC.exe from the npm registry, under Wine) from
; dist\windows\reportdesk\, the one-folder bundle PyInstaller makes from packaging/reportdesk.spec under Wine.
; packaging/windows/test-wine.sh installs, runs and uninstalls it under Wine 10 (packaging/README.md).
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
; Named outright rather than {autopf}: that is where Windows puts per-user programs, and {autopf} fails
; under Wine.
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\reportdesk
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
; lzma2 at its normal level: about half the time of /max under Wine for an installer a few percent larger.
Compression=lzma2/normal
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
; Our own translation (Inno Setup ships none for Simplified Chinese): packaging/windows/ChineseSimplified.isl.
Name: "chinesesimplified"; MessagesFile: "ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "在桌面创建快捷方式"; GroupDescription: "快捷方式："

[InstallDelete]
; An upgrade replaces the bundle's libraries as a whole, so no file of an older version is left beside the new.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#Root}\dist\windows\reportdesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

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
