# SPDX-License-Identifier: GPL-2.0-only OR MIT
# bash completion for iommugroup-predict

_iommugroup_predict_addrs()
{
	local root=/ i
	for ((i = 1; i < ${#COMP_WORDS[@]} - 1; i++)); do
		case ${COMP_WORDS[i]} in
		--root | -r) root=${COMP_WORDS[i + 1]} ;;
		--root=*) root=${COMP_WORDS[i]#--root=} ;;
		esac
	done
	compgen -W "$(command ls "$root/sys/bus/pci/devices" 2>/dev/null)" -- "$1"
}

_iommugroup_predict()
{
	local cur prev words cword split
	_init_completion -s 2>/dev/null || {
		cur=${COMP_WORDS[COMP_CWORD]}
		prev=${COMP_WORDS[COMP_CWORD - 1]}
		split=false
	}
	local i cmd=
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		which | capture) cmd=${COMP_WORDS[i]} ;;
		esac
	done

	case $prev in
	--root | -r)
		COMPREPLY=($(compgen -d -- "$cur"))
		return ;;
	--lspci-dump | -F)
		COMPREPLY=($(compgen -f -- "$cur"))
		return ;;
	--format | -f)
		COMPREPLY=($(compgen -W "text json dot" -- "$cur"))
		return ;;
	--iommu)
		COMPREPLY=($(compgen -W "intel amd other" -- "$cur"))
		return ;;
	--usb-companions)
		COMPREPLY=($(compgen -W "on off auto" -- "$cur"))
		return ;;
	--override-position)
		COMPREPLY=($(compgen -W "end proxmox none" -- "$cur"))
		return ;;
	--acs-override)
		COMPREPLY=($(compgen -W "downstream multifunction downstream,multifunction id:" -- "$cur"))
		return ;;
	--kernel | --cmdline | --append-cmdline)
		return ;;
	--explain | -e)
		COMPREPLY=($(_iommugroup_predict_addrs "$cur"))
		return ;;
	which)
		COMPREPLY=($(compgen -f -- "$cur")
			$(compgen -W "$(command ls /sys/class/net /sys/class/drm /sys/class/block 2>/dev/null)" -- "$cur"))
		return ;;
	capture)
		COMPREPLY=($(compgen -d -- "$cur"))
		return ;;
	esac

	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "--root --lspci-dump --format --explain
			--check --iommu-on-host --iommu-off-host --iommu= --kernel
			--cmdline --append-cmdline --acs-override= --override-position=
			--usb-companions= --order-from-log --verbose --quiet --help
			--version" -- "$cur"))
		[[ ${COMPREPLY-} == *= ]] && compopt -o nospace
		return
	fi
	[ -z "$cmd" ] && COMPREPLY=($(compgen -W "which capture" -- "$cur"))
}
complete -F _iommugroup_predict iommugroup-predict
