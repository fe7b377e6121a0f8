; Backlog Desk (积案清结台账): Windows installer (NSIS 3, Unicode).
;
; Packs the PyInstaller one-folder bundle (installer/backlog-desk.spec, built on Windows by
; build.ps1) into one setup .exe:
;   makensis /DVERSION=0.1.0 /DSRCDIR=<dist\backlog-desk> /DOUTFILE=<setup.exe> [/DICON=<.ico>] backlog-desk.nsi
;
; Installs for all users into "C:\Program Files\BacklogDesk" (administrator rights), with a
; Start-menu folder, a desktop shortcut and an entry in "Apps & features" (uninstaller).
; Ledger data is per user and never in the program folder: the app keeps its demo ledger
; and recent files in %APPDATA%\BacklogDesk and its settings in HKCU\Software\BacklogDesk;
; users save their ledgers wherever they choose. The uninstaller removes the program only.

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel admin

!ifndef VERSION
  !define VERSION "0.1.0"
!endif
!ifndef SRCDIR
  !error "give /DSRCDIR=<the PyInstaller folder dist\backlog-desk>"
!endif
!ifndef OUTFILE
  !define OUTFILE "backlog-desk-${VERSION}-setup.exe"
!endif

!define PRODUCT "积案清结台账"
!define PRODUCT_EN "Backlog Desk"
!define PUBLISHER "Backlog Desk"
!define REGKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\BacklogDesk"
!define EXE "backlog-desk.exe"

!include "MUI2.nsh"
!include "x64.nsh"
!include "FileFunc.nsh"

Name "${PRODUCT} ${VERSION}"
Caption "${PRODUCT} ${VERSION} 安装"
BrandingText "${PRODUCT} (${PRODUCT_EN}) ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\BacklogDesk"
InstallDirRegKey HKLM "${REGKEY}" "InstallLocation"
ShowInstDetails show
ShowUninstDetails show

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=2052 "FileDescription" "${PRODUCT} 安装程序"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=2052 "LegalCopyright" "${PUBLISHER}"

!ifdef ICON
  !define MUI_ICON "${ICON}"
  !define MUI_UNICON "${ICON}"
!endif
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "启动${PRODUCT}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "${PRODUCT}需要 64 位 Windows。"
    Abort
  ${EndIf}
  SetRegView 64
  ; An earlier version's folder is reused (upgrade in place).
  ReadRegStr $0 HKLM "${REGKEY}" "InstallLocation"
  ${If} $0 != ""
    StrCpy $INSTDIR $0
  ${EndIf}
FunctionEnd

Function un.onInit
  SetRegView 64
FunctionEnd

Section "${PRODUCT}" SecMain
  SectionIn RO
  SetShellVarContext all
  ; Upgrade: the app must not be running, and the old bundle is replaced as a whole so no
  ; stale library of the previous version stays next to the new ones. Ledgers are never here.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\backlog-desk.exe"
  Delete "$INSTDIR\backlog-desk-cli.exe"
  SetOutPath "$INSTDIR"
  File /r "${SRCDIR}\*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateDirectory "$SMPROGRAMS\${PRODUCT}"
  CreateShortcut "$SMPROGRAMS\${PRODUCT}\${PRODUCT}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0
  CreateShortcut "$SMPROGRAMS\${PRODUCT}\卸载${PRODUCT}.lnk" "$INSTDIR\uninstall.exe"
  CreateShortcut "$DESKTOP\${PRODUCT}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0

  WriteRegStr HKLM "${REGKEY}" "DisplayName" "${PRODUCT} (${PRODUCT_EN})"
  WriteRegStr HKLM "${REGKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${REGKEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${REGKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${REGKEY}" "DisplayIcon" "$INSTDIR\${EXE},0"
  WriteRegStr HKLM "${REGKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${REGKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${REGKEY}" "NoModify" 1
  WriteRegDWORD HKLM "${REGKEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKLM "${REGKEY}" "EstimatedSize" "$0"
SectionEnd

Section "Uninstall"
  SetShellVarContext all
  Delete "$DESKTOP\${PRODUCT}.lnk"
  Delete "$SMPROGRAMS\${PRODUCT}\${PRODUCT}.lnk"
  Delete "$SMPROGRAMS\${PRODUCT}\卸载${PRODUCT}.lnk"
  RMDir "$SMPROGRAMS\${PRODUCT}"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\backlog-desk.exe"
  Delete "$INSTDIR\backlog-desk-cli.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKLM "${REGKEY}"
  ; Each user's ledgers and %APPDATA%\BacklogDesk are kept: they are court records.
SectionEnd
