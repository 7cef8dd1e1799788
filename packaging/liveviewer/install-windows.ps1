<#
.SYNOPSIS
    Install LiveViewer on a Windows PC: the programs, the desktop shortcut, the agent at logon
    (Startup folder) and optionally the mass-deployment file liveviewer.toml.

.DESCRIPTION
    -AllUsers (run as administrator): C:\Program Files\LiveViewer, the shortcut on the Public
    desktop, the agent in the all-users Startup folder.
    Otherwise, for the current user only: %LOCALAPPDATA%\Programs\LiveViewer, this user's
    desktop and Startup folder.
    -Config copies a liveviewer.toml beside the programs: each user who starts LiveViewer is then
    enrolled without typing a code.
    -Uninstall removes what this script installed; each user's requests and enrolment stay in
    %LOCALAPPDATA%\LiveViewer.

.EXAMPLE
    powershell -ExecutionPolicy Bypass -File install-windows.ps1 -AllUsers -Config .\liveviewer.toml
#>
[CmdletBinding()]
param(
    [switch]$AllUsers,
    [string]$From = $PSScriptRoot,
    [string]$Config = "",
    [switch]$Uninstall
)
$ErrorActionPreference = "Stop"

if ($AllUsers) {
    $principal = New-Object Security.Principal.WindowsPrincipal(
        [Security.Principal.WindowsIdentity]::GetCurrent())
    if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
        throw "-AllUsers needs an administrator PowerShell"
    }
    $Prefix = Join-Path $env:ProgramFiles "LiveViewer"
    $Desktop = [Environment]::GetFolderPath("CommonDesktopDirectory")
    $Startup = [Environment]::GetFolderPath("CommonStartup")
} else {
    $Prefix = Join-Path $env:LOCALAPPDATA "Programs\LiveViewer"
    $Desktop = [Environment]::GetFolderPath("Desktop")
    $Startup = [Environment]::GetFolderPath("Startup")
}
$Shortcut = Join-Path $Desktop "LiveViewer.lnk"
$AgentShortcut = Join-Path $Startup "LiveViewer agent.lnk"

if ($Uninstall) {
    Get-Process LiveViewer -ErrorAction SilentlyContinue | Stop-Process -Force
    Remove-Item -Force -ErrorAction SilentlyContinue $Shortcut, $AgentShortcut
    Remove-Item -Recurse -Force -ErrorAction SilentlyContinue $Prefix
    Write-Output "LiveViewer removed."
    exit 0
}

foreach ($program in "LiveViewer.exe", "liveviewer-cli.exe") {
    if (-not (Test-Path (Join-Path $From $program))) {
        throw "no $program in $From (build it on Windows: see packaging\liveviewer\README.md)"
    }
}
New-Item -ItemType Directory -Force -Path $Prefix | Out-Null
# A running agent holds LiveViewer.exe open: stop it so an upgrade can replace the file.
Get-Process LiveViewer -ErrorAction SilentlyContinue | Stop-Process -Force
Copy-Item -Force (Join-Path $From "LiveViewer.exe"), (Join-Path $From "liveviewer-cli.exe") $Prefix
if ($Config -ne "") {
    Copy-Item -Force $Config (Join-Path $Prefix "liveviewer.toml")
}

$shell = New-Object -ComObject WScript.Shell
$link = $shell.CreateShortcut($Shortcut)
$link.TargetPath = Join-Path $Prefix "LiveViewer.exe"
$link.WorkingDirectory = $Prefix
$link.Description = "Send a request with a screenshot to the help desk"
$link.Save()

$agent = $shell.CreateShortcut($AgentShortcut)
$agent.TargetPath = Join-Path $Prefix "LiveViewer.exe"
$agent.Arguments = "agent"
$agent.WorkingDirectory = $Prefix
$agent.WindowStyle = 7  # minimised: the agent has no window anyway
$agent.Save()

Write-Output "LiveViewer installed in ${Prefix}: desktop shortcut, agent at logon."
if ($Config -ne "") { Write-Output "Users are enrolled from liveviewer.toml when they first start it." }
